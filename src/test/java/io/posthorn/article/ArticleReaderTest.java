package io.posthorn.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.config.Config;
import io.posthorn.source.SourceFile;
import io.posthorn.testing.TestSites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArticleReaderTest {
    @TempDir
    Path dir;
    Path articles;
    ArticleReader reader;

    @BeforeEach
    void setUp() throws Exception {
        articles = Files.createDirectories(dir.resolve("articles"));
        reader = new ArticleReader(TestSites.load(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", "")));
    }

    private ArticleReader.Outcome read(String relative, String text) {
        TestSites.write(articles.resolve(relative), text);
        return reader.read(new SourceFile(0, articles, relative));
    }

    @Test
    void realExampleIsReadExactly() throws Exception {
        String relative = "zhitongcaijingwang/2022-05-26-meta-azure.md";
        Files.createDirectories(articles.resolve("zhitongcaijingwang"));
        Files.copy(TestSites.REAL_EXAMPLE, articles.resolve(relative), StandardCopyOption.REPLACE_EXISTING);
        Article a = reader.read(new SourceFile(0, articles, relative)).article();
        assertNotNull(a);
        assertEquals("扩大合作！Meta(FB.US)选择微软(MSFT.US)Azure加速Meta AI研发", a.title());
        assertEquals(OffsetDateTime.parse("2022-05-26T12:19:14+08:00"), a.published());
        assertEquals(a.published(), a.updated());
        assertEquals(List.of("zhitongcaijingwang"), a.categories());
        assertEquals(List.of("智通财经网新闻"), a.tags());
        assertEquals("智通财经网", a.source());
        assertEquals("zhitongcaijingwang/2022-05-26-meta-azure", a.key());
        assertEquals("tag:finews.example.com,2022-05-26:zhitongcaijingwang/2022-05-26-meta-azure", a.id());
    }

    @Test
    void idIsStableAcrossReadsAndBaseUrlsAndPureAscii() {
        String text = TestSites.article("标题", "2022-05-26 12:19:14 +0800", "财经", "美股", "<p>正文。</p>");
        Article first = read("新闻/2022-05-26-中文.md", text).article();
        ArticleReader other = new ArticleReader(TestSites.load(TestSites.writeConfig(dir, "https://elsewhere.example/", "")));
        Article second = other.read(new SourceFile(0, articles, "新闻/2022-05-26-中文.md")).article();
        assertEquals(first.id(), second.id());
        assertEquals("tag:finews.example.com,2022-05-26:%E6%96%B0%E9%97%BB/2022-05-26-%E4%B8%AD%E6%96%87", first.id());
    }

    @Test
    void frontMatterIdWinsOverThePath() {
        Article a = read("x/2022-05-26-a.md", "---\ntitle: T\ndate: 2022-05-26 10:00:00 +0800\nid: NW2022/0001\n---\nbody\n")
                .article();
        assertEquals("NW2022/0001", a.key());
        assertEquals("tag:finews.example.com,2022-05-26:NW2022/0001", a.id());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            space-separated strings | categories: a b\\ntags: 美股 港股      | [a, b]   | [美股, 港股]
            flow lists              | categories: [a, b]\\ntags: [美股, 港股] | [a, b]   | [美股, 港股]
            block lists             | categories:\\n  - a\\ntags:\\n  - 美股\\n  - 港股 | [a] | [美股, 港股]
            singular category       | category: a\\ntags: 美股                | [a]      | [美股]
            duplicates dropped      | categories: a a\\ntags: [美股, 美股]    | [a]      | [美股]
            numbers as names        | categories: 2022\\ntags: [1, 2]         | [2022]   | [1, 2]
            none                    | layout: post                            | []       | []
            markup stripped         | categories: a\\ntags: ['<b>美股</b>']   | [a]      | [美股]
            """)
    void categoriesAndTagsInBothForms(String name, String yaml, String categories, String tags) {
        Article a = read("2022-05-26-x.md", "---\ntitle: T\ndate: 2022-05-26 10:00:00 +0800\n"
                + yaml.replace("\\n", "\n") + "\n---\nbody\n").article();
        assertNotNull(a, name);
        assertEquals(categories, a.categories().toString());
        assertEquals(tags, a.tags().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            published false        | ---\\ntitle: T\\ndate: 2022-05-26\\npublished: false\\n---\\nb | 4 | ignored: not published (published: false) | true
            no front matter        | just text                                                     | 1 | ignored: no front matter (does not start with '---') | true
            unclosed front matter  | ---\\ntitle: T\\n                                             | 1 | front matter opened on line 1 is never closed with '---' | false
            bad YAML               | ---\\ntitle: T\\ndate: [\\n---\\nb                             | 4 | bad front matter: expected the node content, but found '<stream end>' | false
            missing title          | ---\\ndate: 2022-05-26\\n---\\nb                               | 2 | title is missing or empty | false
            title is a list        | ---\\ntitle: [a, b]\\ndate: 2022-05-26\\n---\\nb               | 2 | title must be text | false
            bad date               | ---\\ntitle: T\\ndate: someday\\n---\\nb                        | 3 | date is not a date: 'someday' | false
            nested tag list        | ---\\ntitle: T\\ndate: 2022-05-26\\ntags: [[a]]\\n---\\nb       | 4 | tags must be a list of names, not of lists or mappings | false
            front matter a list    | ---\\n- a\\n---\\nb                                            | 2 | front matter is not a mapping of keys to values | false
            """)
    void badOrNonArticlesAreSkippedWithLineAndReason(String name, String text, int line, String reason, boolean ignored) {
        ArticleReader.Outcome outcome = read("nodate.md", text.replace("\\n", "\n"));
        assertNull(outcome.article(), name);
        assertEquals(line, outcome.skip().line(), name);
        assertTrue(outcome.skip().reason().startsWith(reason), outcome.skip().reason());
        assertEquals(ignored, outcome.skip().ignored());
        assertTrue(outcome.skip().file().endsWith("nodate.md"));
    }

    @Test
    void missingDateTakesTheFileNameDate() {
        Article a = read("2022-06-01-x.md", "---\ntitle: T\n---\nbody\n").article();
        assertEquals(OffsetDateTime.parse("2022-06-01T00:00+08:00"), a.published());
    }

    @Test
    void attributionFallsBackToTheCategoryMapThenToNone() {
        Article mapped = read("2022-06-01-a.md", TestSites.article("T", "2022-06-01", "cailianshe", "x", "<p>正文。</p>"))
                .article();
        assertEquals("财联社", mapped.source());
        Article none = read("2022-06-01-b.md", TestSites.article("T", "2022-06-01", "other", "x", "<p>正文。</p>"))
                .article();
        assertNull(none.source());
    }

    /**
     * A long body is decoded only from its last 2 KB, or from the first {@code em_media} paragraph
     * in them: the source must be what the whole body gives (when the attribution stands in those
     * 2 KB, as it does at the end of an article). The category "other" has no mapped
     * source, so an empty result stays empty.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            em_media paragraph, then links        | <p class="em_media">（文章来源：新华社）</p>\\n\\n<https://example.com/a>\\n\\n[返回首页](//example.com/)
            em_media paragraph opening a line before | <p\\nclass="em_media">（文章来源：新华社）</p>\\n[返回](//example.com/)
            two em_media paragraphs, last broken  | <p class="em_media">（文章来源：财联社）</p>\\n<p>正文。</p>\\n<p class="em_media">（文章来源：新华社）
            em_media 1.5 KB from the end          | <p class="em_media">（文章来源：新华社）</p>\\n<p>%s</p>
            a last text line                      | <p>正文。</p>\\n<p>来源：经济日报</p>\\n\\n[返回](//example.com/)
            no attribution                        | <p>正文。</p>\\n[返回](//example.com/)
            em_media opened, never closed         | <p>来源：新华社</p>\\n<p class="em_media">\\n
            em_media class not on the paragraph   | <p>来源：新华社</p>\\n<p><span class="em_media"></span></p>
            """)
    void aLongBodyGivesTheSourceItsWholeBodyGives(String name, String ending) {
        String filler = "<p>" + "前文段落，".repeat(300) + "</p>\n";
        String body = filler + ending.replace("\\n", "\n").replace("%s", "后文".repeat(250));
        Article a = read("2022-06-01-long.md", TestSites.article("T", "2022-06-01", "other", "x", body)).article();
        String whole = new io.posthorn.clean.Attribution(io.posthorn.clean.CleanRules.defaults()).find(body + "\n")
                .orElse(null);
        assertEquals(whole, a.source());
    }

    @Test
    void anUnexpectedFaultOnOneFileIsASkipNotACrash() throws Exception {
        // a clock that fails once stands for any fault of the reader's own code on one odd file
        java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
        java.util.function.Supplier<java.time.Clock> failingOnce = () -> new java.time.Clock() {
            private boolean failed;

            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                if (!failed) {
                    failed = true;
                    throw new IllegalStateException("clock broke");
                }
                return now;
            }
        };
        Config config = TestSites.load(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", ""));
        Path file = TestSites.write(articles.resolve("2022-06-01-a.md"),
                TestSites.article("T", "2022-06-01", "cailianshe", "x", "<p>正文。</p>"));
        ArticleReader.Outcome o = new ArticleReader(config, failingOnce.get())
                .read(new SourceFile(0, articles, "2022-06-01-a.md"));
        assertNull(o.article());
        assertEquals("cannot read: unexpected java.lang.IllegalStateException: clock broke", o.skip().reason());
        // the file's own fingerprint (a rescan does not re-read it every time) and a retry in an hour
        assertEquals(ArticleReader.fingerprint(Files.readAttributes(file, BasicFileAttributes.class)), o.fingerprint());
        assertEquals(now.plus(java.time.Duration.ofHours(1)), o.retryAt());
        var load = new io.posthorn.index.LiveIndex(config, new ArticleReader(config, failingOnce.get())).load();
        assertEquals(0, load.snapshot().size());
        assertEquals(1, load.broken());
    }

    @Test
    void lastModifiedAtIsTheUpdatedTime() {
        Article a = read("2022-06-01-a.md", "---\ntitle: T\ndate: 2022-06-01 10:00:00 +0800\n"
                + "last_modified_at: 2022-06-03 08:00:00 +0800\n---\nb\n").article();
        assertEquals(OffsetDateTime.parse("2022-06-03T08:00+08:00"), a.updated());
    }

    @Test
    void aFileThatGrewSinceTheScanIsReadWholeOrSkippedPastTheLimit() throws Exception {
        // the scan's attributes say one size; the writer has appended since: the reader reads what is there now
        String body = "<p>" + "正文".repeat(3000) + "</p>\n";
        Path file = TestSites.write(articles.resolve("2022-06-01-grows.md"),
                TestSites.article("Grows", "2022-06-01 10:00:00 +0800", "c", "t", body));
        BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
        Files.writeString(file, "<p>（文章来源：证券时报）</p>\n", StandardOpenOption.APPEND);
        Article a = reader.read(new SourceFile(0, articles, "2022-06-01-grows.md"), before).article();
        assertNotNull(a);
        assertEquals("证券时报", a.source(), "the appended attribution was read");

        // a file that grows past articles.max_kb while it is read is skipped, not read without bound
        ArticleReader small = new ArticleReader(TestSites.load(TestSites.writeConfig(dir, "http://127.0.0.1:8080/",
                "articles:\n  max_kb: 20\n")));
        BasicFileAttributes smallBefore = Files.readAttributes(file, BasicFileAttributes.class);
        Files.writeString(file, "<p>" + "更多".repeat(4000) + "</p>\n", StandardOpenOption.APPEND);
        ArticleReader.Outcome o = small.read(new SourceFile(0, articles, "2022-06-01-grows.md"), smallBefore);
        assertNull(o.article());
        assertTrue(o.skip().reason().contains("larger than 20 KiB"), o.skip().reason());
    }
}
