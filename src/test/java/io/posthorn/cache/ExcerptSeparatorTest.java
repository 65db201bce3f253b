package io.posthorn.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.posthorn.article.Article;
import io.posthorn.article.ArticleReader;
import io.posthorn.clean.ContentCleaner;
import io.posthorn.config.Config;
import io.posthorn.source.SourceFile;
import io.posthorn.testing.TestSites;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Summaries end where Jekyll ends an excerpt: the post's excerpt_separator, else the site's; summary/excerpt win. */
class ExcerptSeparatorTest {
    @TempDir
    Path dir;

    private String summary(String siteSeparator, String frontMatter, String body) {
        TestSites.write(dir.resolve("articles/p.md"), "---\ntitle: T\ndate: 2022-05-26 10:00:00 +0800\n"
                + frontMatter + "\n---\n" + body.replace("\\n", "\n") + "\n");
        Config config = TestSites.load(TestSites.write(dir.resolve("feeds.yml"), "site:\n  title: 财经新闻\n"
                + "  id: finews.example.com\n  base_url: http://127.0.0.1:8080/\n"
                + (siteSeparator.isEmpty() ? "" : "  excerpt_separator: \"" + siteSeparator + "\"\n")
                + "sources:\n  - path: articles\n"));
        ArticleReader reader = new ArticleReader(config);
        Article a = reader.read(new SourceFile(0, dir.resolve("articles"), "p.md")).article();
        assertNotNull(a);
        ContentCache cache = new ContentCache(reader, List.of(new ContentCleaner(config.site().baseUrl(), config.clean())),
                200, 1 << 20, config.site().excerptSeparator());
        return cache.get(a).summary();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            no separator: the first 200 characters | ``            | tags: x                                  | <p>第一段。</p><!--more--><p>第二段。</p>     | 第一段。 第二段。
            the site's separator                   | <!--more-->   | tags: x                                  | <p>第一段。</p><!--more--><p>第二段。</p>     | 第一段。
            the post's separator wins              | <!--more-->   | excerpt_separator: <!--cut-->            | <p>一。</p><!--more--><p>二。</p><!--cut--><p>三。</p> | 一。 二。
            a post's separator, no site one        | ``            | excerpt_separator: "\\n\\n"                   | 第一段第一句。\\n\\n第二段。                  | 第一段第一句。
            separator absent from the body         | <!--more-->   | tags: x                                  | <p>只有一段。</p>                             | 只有一段。
            front-matter summary still wins        | <!--more-->   | summary: 编辑写的摘要                     | <p>第一段。</p><!--more--><p>第二段。</p>     | 编辑写的摘要
            front-matter excerpt still wins        | <!--more-->   | excerpt: 编辑写的摘录                     | <p>第一段。</p><!--more--><p>第二段。</p>     | 编辑写的摘录
            junk before the separator is cleaned   | <!--more-->   | tags: x                                  | <p style="display:none">隐藏</p><p>正文。</p><!--more--><p>后文。</p> | 正文。
            """)
    void summaryEndsAtTheExcerptSeparator(String name, String site, String frontMatter, String body, String expected) {
        assertEquals(expected, summary(site, frontMatter, body));
    }
}
