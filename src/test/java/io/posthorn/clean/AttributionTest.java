package io.posthorn.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    /**
     * The usual {@code <p class="em_media">} paragraph is read without the regular expression:
     * whatever the text around it, the answer must be the expression's, as {@link #emMediaByRegex}
     * (the em_media search as it was before the shortcut) gives it.
     */
    @Property(tries = 3000)
    void theUsualParagraphIsReadAsTheExpressionReadsIt(@ForAll("paragraphs") String body) {
        assertEquals(emMediaByRegex(body), Attribution.emMediaText(body), body);
    }

    private static final Pattern EM_MEDIA = Pattern.compile(
            "<p\\b[^>]*\\bclass\\s*=\\s*[\"'][^\"']*\\bem_media\\b[^\"']*[\"'][^>]*>(.*?)</p\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static String emMediaByRegex(String body) {
        for (int at = body.lastIndexOf("em_media"); at >= 0; at = body.lastIndexOf("em_media", at - 1)) {
            int start = body.lastIndexOf("<p", at);
            int end = body.indexOf("</p", at);
            if (start >= 0 && end >= 0) {
                Matcher em = EM_MEDIA.matcher(body.substring(start, Math.min(body.length(), end + 5)));
                if (em.find()) {
                    return em.group(1);
                }
            }
        }
        return null;
    }

    @Provide
    Arbitrary<String> paragraphs() {
        return Arbitraries.of("<p class=\"em_media\">", "<p class=\"em_media\">", "<p class='em_media'>", "<P CLASS=\"em_media\">",
                        "（文章来源：新华社）", "来源：财联社", "em_media", "</p>", "</P>", "</p >", "</p  >", "</p\n>",
                        "</", "</pre>", "<p>", "正文。", " ", "\n", "<b>", ">", "\"")
                .list().ofMinSize(1).ofMaxSize(12).map(parts -> String.join("", parts));
    }
}
