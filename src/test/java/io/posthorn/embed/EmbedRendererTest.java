package io.posthorn.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.article.Article;
import io.posthorn.clean.CleanContent;
import io.posthorn.config.SiteConfig;
import io.posthorn.feed.Links;
import io.posthorn.index.FeedKey;
import io.posthorn.index.FeedKind;
import io.posthorn.index.IndexSnapshot;
import io.posthorn.source.SourceFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbedRendererTest {
    private static final Links LINKS = new Links(new SiteConfig("财经新闻", "finews.example.com",
            URI.create("https://news.example.org/"), ZoneId.of("Asia/Shanghai")), Map.of("ztcj", "智通财经网"));

    static Article article(String key, String title, String date, String source) {
        OffsetDateTime d = OffsetDateTime.parse(date);
        return new Article(key, "finews.example.com", new SourceFile(0, Path.of("/tmp"), key + ".md"),
                1, title, d, d, List.of("ztcj"), List.of("美股"), source, null);
    }

    static final IndexSnapshot SNAPSHOT = new IndexSnapshot(List.of(
            article("ztcj/a", "<img src=x onerror=\"alert(1)\">", "2022-07-27T09:30:00+08:00", "智通财经网"),
            article("ztcj/b", "阿里巴巴 & 港股", "2022-07-26T19:05:31+08:00", null),
            article("ztcj/c", "比亚迪", "2022-07-01T18:20:45+08:00", "智通财经网")));

    private final List<String> cleaned = new ArrayList<>();
    private final EmbedRenderer renderer = new EmbedRenderer(LINKS, 2,
            a -> {
                cleaned.add(a.key());
                return new CleanContent("<p>x</p>", "摘要 " + a.key(), null);
            });

    private String render(EmbedRequest request) {
        return new String(renderer.render(SNAPSHOT, request).orElseThrow().body(), StandardCharsets.UTF_8);
    }

    @Test
    void jsonIsCompactPlainTextAndCleansNothingWithoutSummaries() {
        String json = render(new EmbedRequest(FeedKey.ALL, EmbedFormat.JSON));
        assertEquals("{\"title\":\"财经新闻\",\"language\":\"zh-CN\",\"home_page_url\":\"https://news.example.org/feeds/all.html\","
                + "\"feed_url\":\"https://news.example.org/feeds/all.atom\",\"headlines\":["
                + "{\"id\":\"tag:finews.example.com,2022-07-27:ztcj/a\",\"title\":\"<img src=x onerror=\\\"alert(1)\\\">\","
                + "\"url\":\"https://news.example.org/articles/ztcj/a\",\"published\":\"2022-07-27T09:30:00+08:00\","
                + "\"source\":\"智通财经网\"},"
                + "{\"id\":\"tag:finews.example.com,2022-07-26:ztcj/b\",\"title\":\"阿里巴巴 & 港股\","
                + "\"url\":\"https://news.example.org/articles/ztcj/b\",\"published\":\"2022-07-26T19:05:31+08:00\","
                + "\"source\":\"财经新闻\"}]}", json, "default limit: min(10, feeds.entries); unattributed: the site");
        assertEquals(List.of(), cleaned);
    }

    @Test
    void summariesAreCleanedOnlyForTheShownHeadlines() {
        String json = render(new EmbedRequest(FeedKey.ALL, EmbedFormat.JSON, 1, true, Theme.LIGHT));
        assertTrue(json.endsWith("\"source\":\"智通财经网\",\"summary\":\"摘要 ztcj/a\"}]}"), json);
        assertEquals(List.of("ztcj/a"), cleaned);
    }

    @Test
    void pageEscapesEveryTextAndOpensLinksInANewTab() {
        String html = render(new EmbedRequest(new FeedKey(FeedKind.CATEGORY, "ztcj"), EmbedFormat.HTML, 3, false, Theme.DARK));
        assertTrue(html.contains("<title>财经新闻 · 智通财经网</title>"), html);
        assertTrue(html.contains("<body class=\"dark\"><ul class=\"posthorn-headlines\" data-limit=\"3\"><li class=\"posthorn-headline\">"
                + "<a href=\"https://news.example.org/articles/ztcj/a\" target=\"_blank\" rel=\"noopener\">"
                + "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</a><span class=\"posthorn-meta\">"
                + "<time class=\"posthorn-date\" datetime=\"2022-07-27T09:30:00+08:00\">2022-07-27 09:30</time> · "
                + "<span class=\"posthorn-source\">智通财经网</span></span></li>"), html);
        assertTrue(html.contains(">阿里巴巴 &amp; 港股</a>"));
        assertTrue(html.contains("<a href=\"https://news.example.org/feeds/categories/ztcj.html\" target=\"_blank\" "
                + "rel=\"noopener\">更多 More ›</a>"));
        assertFalse(html.contains("<img"));
        assertFalse(html.contains("<script"));
    }

    @Test
    void lastModifiedIsTheNewestShownHeadlineNeverTheRenderTime() {
        var rendered = renderer.render(SNAPSHOT, new EmbedRequest(FeedKey.ALL, EmbedFormat.JSON)).orElseThrow();
        assertEquals(Instant.parse("2022-07-27T01:30:00Z"), rendered.lastModified());
        assertEquals("application/json; charset=utf-8", rendered.contentType());
        assertEquals(render(new EmbedRequest(FeedKey.ALL, EmbedFormat.HTML)), render(new EmbedRequest(FeedKey.ALL, EmbedFormat.HTML)));
        assertTrue(renderer.render(SNAPSHOT, new EmbedRequest(new FeedKey(FeedKind.TAG, "none"), EmbedFormat.JSON)).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            json ignores the theme  | JSON | 5 | false | DARK  | JSON | 5 | false | LIGHT
            page ignores summaries  | HTML | 0 | true  | LIGHT | HTML | 0 | false | LIGHT
            """)
    void optionsThatDoNotApplyAreNormalisedAwaySoTheyShareACacheEntry(String name, EmbedFormat f1, int l1, boolean s1,
                                                                      Theme t1, EmbedFormat f2, int l2, boolean s2, Theme t2) {
        assertEquals(new EmbedRequest(FeedKey.ALL, f2, l2, s2, t2), new EmbedRequest(FeedKey.ALL, f1, l1, s1, t1));
    }

    @Test
    void requestsNameTheirPathAndTheScriptIsNotRendered() {
        assertEquals("embed/tags/%E7%BE%8E%E8%82%A1.json",
                new EmbedRequest(new FeedKey(FeedKind.TAG, "美股"), EmbedFormat.JSON).path());
        assertEquals("embed/all.html", new EmbedRequest(FeedKey.ALL, EmbedFormat.HTML).path());
        assertThrows(IllegalArgumentException.class, () -> new EmbedRequest(FeedKey.ALL, EmbedFormat.SCRIPT));
        assertThrows(IllegalArgumentException.class, () -> new EmbedRequest(FeedKey.ALL, EmbedFormat.JSON, -1, false, Theme.LIGHT));
    }

    @Test
    void snippetsAreOneLineEachWithUrlsFromBaseUrl() {
        Snippets snippets = new Snippets(LINKS);
        FeedKey tag = new FeedKey(FeedKind.TAG, "美股");
        assertEquals("<script async src=\"https://news.example.org/embed/tags/%E7%BE%8E%E8%82%A1.js\" data-limit=\"5\">"
                + "</script>", snippets.script(tag));
        assertEquals("<iframe src=\"https://news.example.org/embed/tags/%E7%BE%8E%E8%82%A1.html?limit=5\" "
                + "title=\"财经新闻 · 美股\" width=\"100%\" height=\"320\" style=\"border:0\" loading=\"lazy\" "
                + "sandbox=\"allow-popups allow-popups-to-escape-sandbox\"></iframe>", snippets.iframe(tag));
        assertEquals("https://news.example.org/embed/all.json?limit=5", snippets.json(FeedKey.ALL));
    }
}
