package io.posthorn.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributionTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            em_media full-width          | <p>正文。</p><p class="em_media">（文章来源：智通财经网）</p>\\n\\n<http://x.com/a> | 智通财经网
            em_media among classes       | <p class="a em_media">（文章来源：证券时报）</p>                | 证券时报
            half-width brackets          | <p>正文。</p><p>(来源：证券时报)</p>                              | 证券时报
            bare last line               | <p>正文。</p><p>来源：财联社</p>\\n\\n[返回](//x)｜[返回首页](//y) | 财联社
            half-width colon and space   | <p>正文。</p><p>文章来源: 新华社</p>                              | 新华社
            本文来源                       | <p>正文。</p><p>本文来源：上海证券报</p>                           | 上海证券报
            lenticular brackets          | <p>正文。</p><p>【来源：中国证券网】</p>                           | 中国证券网
            none                         | <p>正文。</p><p>结束。</p>                                       |
            source mentioned mid-text    | <p>来源：甲</p><p>正文结束。</p>                                  |
            """)
    void findsTheSourceInTheShapesNewsSitesUse(String name, String body, String expected) {
        assertEquals(Optional.ofNullable(expected), new Attribution(CleanRules.defaults()).find(body.replace("\\n", "\n")));
    }
}
