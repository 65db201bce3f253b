package io.posthorn.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.source.SourceFile;
import io.posthorn.testing.TestSites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Front-matter fields read as Jekyll reads them: published, category(ies), author, source, link. */
class FrontMatterFieldsTest {
    @TempDir
    Path dir;
    Path articles;
    ArticleReader reader;

    @BeforeEach
    void setUp() throws Exception {
        articles = Files.createDirectories(dir.resolve("articles"));
        reader = new ArticleReader(TestSites.load(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", "")));
    }

    private ArticleReader.Outcome read(String fields) {
        String text = "---\ntitle: 标题\ndate: 2022-05-26 10:00:00 +0800\n" + fields.replace("\\n", "\n")
                + "\n---\n<p>正文。</p>\n<p class=\"em_media\">（文章来源：智通财经网）</p>\n";
        TestSites.write(articles.resolve("a.md"), text);
        return reader.read(new SourceFile(0, articles, "a.md"));
    }

    @ParameterizedTest(name = "published: {0} -> shown {1}")
    @CsvSource(delimiter = '|', textBlock = """
            false | false
            False | false
            FALSE | false
            no    | false
            No    | false
            off   | false
            OFF   | false
            n     | false
            N     | false
            true  | true
            yes   | true
            on    | true
            y     | true
            Y     | true
            """)
    void publishedTakesTheYaml11Words(String value, boolean shown) {
        ArticleReader.Outcome o = read("published: " + value);
        assertEquals(shown, o.article() != null, String.valueOf(o.skip()));
        if (!shown) {
            assertTrue(o.skip().ignored());
            assertTrue(o.skip().reason().contains("not published"), o.skip().reason());
        }
    }

    @ParameterizedTest(name = "title {0} stays text")
    @CsvSource(delimiter = '|', textBlock = """
            NO
            on
            off
            y
            """)
    void titlesAndTagsThatLookLikeBooleansStayText(String word) {
        TestSites.write(articles.resolve("b.md"), "---\ntitle: " + word + "\ndate: 2022-05-26 10:00:00 +0800\ntags: ["
                + word + "]\n---\nbody\n");
        Article a = reader.read(new SourceFile(0, articles, "b.md")).article();
        assertNotNull(a);
        assertEquals(word, a.title());
        assertEquals(List.of(word), a.tags());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            categories only         | categories: [a, b]               | [a, b]
            category only           | category: c                      | [c]
            both merged, in order   | categories: [a, b]\\ncategory: c  | [a, b, c]
            both, repeated once     | categories: a b\\ncategory: b     | [a, b]
            """)
    void categoryAndCategoriesAreMerged(String name, String fields, String expected) {
        assertEquals(expected, read(fields).article().categories().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            no author: none              | tags: x                                    | NULL
            a name                       | author: 张三                               | 张三
            a list                       | author: [张三, 李四]                        | 张三, 李四
            a block list                 | author:\\n  - 张三\\n  - 李四               | 张三, 李四
            a mapping with name          | author:\\n  name: 王五\\n  email: w@x.org   | 王五
            markup is stripped           | author: "<b>赵六</b>"                      | 赵六
            """)
    void authorIsANameAListOrAMapping(String name, String fields, String expected) {
        Article a = read(fields).article();
        assertNotNull(a);
        assertEquals(expected, a.author());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            the body's paragraph         | tags: x                     | 智通财经网
            front matter wins            | source: 财联社              | 财联社
            """)
    void frontMatterSourceOverridesTheBody(String name, String fields, String expected) {
        assertEquals(expected, read(fields).article().source());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            an https link              | link: https://example.com/a/1.html    | https://example.com/a/1.html    | 0
            an http link               | link: http://example.com/a?x=1        | http://example.com/a?x=1        | 0
            javascript: is refused     | link: "javascript:alert(1)"           | NULL                            | 1
            a relative link is refused | link: /a/1.html                       | NULL                            | 1
            no link                    | tags: x                               | NULL                            | 0
            """)
    void linkIsAnAbsoluteHttpUrl(String name, String fields, String expected, int warnings) {
        ArticleReader.Outcome o = read(fields);
        assertEquals(expected, o.article().link());
        assertEquals(warnings, o.warnings().size(), o.warnings().toString());
    }

    @ParameterizedTest(name = "title: \"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a\\Lb            | a b
            a\\Pb            | a b
            a\\Nb            | a b
            a\\_b            | a b
            a\\tb            | a b
            tab\\x41         | tabA
            \\u4E2D\\u6587    | 中文
            del\\x7fgone     | delgone
            c1\\x85space     | c1 space
            quote\\"s        | quote"s
            """)
    void doubleQuotedEscapesAreReadAsJekyllReadsThem(String escaped, String title) {
        TestSites.write(articles.resolve("e.md"), "---\ntitle: \"" + escaped + "\"\ndate: 2022-05-26 10:00:00 +0800\n---\nbody\n");
        ArticleReader.Outcome o = reader.read(new SourceFile(0, articles, "e.md"));
        assertNotNull(o.article(), String.valueOf(o.skip()));
        assertEquals(title, o.article().title());
    }
}
