package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import io.posthorn.testing.Await;
import io.posthorn.testing.FeedServer;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's view: upstream URLs in feeds.yml, {@code serve}, and readers get the entries in
 * the right category, tag and source feeds, cleaned and attributed, with no duplicates after a
 * restart; {@code /upstreams} and {@code /healthz} say how each upstream is doing.
 */
class UpstreamServeIT {
    private static final String RSS = "application/rss+xml; charset=utf-8";

    @TempDir
    Path dir;
    FeedServer upstream;
    AtomicReference<String> document = new AtomicReference<>();

    @BeforeEach
    void setUp() throws Exception {
        upstream = new FeedServer();
        upstream.on("/rss", ex -> FeedServer.send(ex, 200, RSS, document.get().getBytes(StandardCharsets.UTF_8)));
        upstream.on("/broken", FeedServer.status(500));
        Files.createDirectories(dir.resolve("articles"));
        TestSites.write(dir.resolve("feeds.yml"), """
                site:
                  title: 财经新闻
                  id: finews.example.com
                  base_url: http://127.0.0.1:8080/
                sources:
                  - path: articles
                  - url: %s
                    path: upstream/cls
                    name: 财联社
                    category: cailianshe
                    tags: [快讯]
                    every: 1s
                    clean:
                      remove: [".ad"]
                  - url: %s
                    path: upstream/broken
                    name: 坏源
                """.formatted(upstream.url("/rss"), upstream.url("/broken")));
        document.set(rss(item("1", "央行：下调存款准备金率 &lt;盘前&gt;", "https://www.cls.example/detail/1")));
    }

    @AfterEach
    void tearDown() {
        upstream.close();
    }

    static String rss(String... items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>财联社</title>"
                + "<link>https://www.cls.example/</link>" + String.join("", items) + "</channel></rss>";
    }

    static String item(String guid, String title, String link) {
        return "<item><guid isPermaLink=\"false\">" + guid + "</guid><title>" + title + "</title><link>" + link
                + "</link><pubDate>Mon, 30 Nov 2026 10:00:0" + guid + " +0800</pubDate><category>宏观</category>"
                + "<description><![CDATA[<p>正文第一段。</p><div class=\"ad\">广告</div>"
                + "<p onclick=\"x()\">第二段<script>alert(1)</script></p>]]></description></item>";
    }

    private static List<Entry> entries(RunningServer s, String path) {
        Feed feed = Feeds.rome(s.get(path));
        return feed.getEntries();
    }

    @Test
    void upstreamEntriesReachEveryFeedCleanedAndAttributedWithoutDuplicatesAfterARestart() throws Exception {
        String source = "/feeds/sources/%E8%B4%A2%E8%81%94%E7%A4%BE.atom";
        try (RunningServer s = RunningServer.start(dir.resolve("feeds.yml"))) {
            List<Entry> first = Await.value("the upstream entry in the source feed", Duration.ofSeconds(20),
                    () -> s.get(source).statusCode() == 200 ? entries(s, source) : List.<Entry>of(), l -> l.size() == 1);
            Entry e = first.get(0);
            assertEquals("央行：下调存款准备金率 <盘前>", e.getTitle());
            assertEquals("财联社", e.getAuthors().get(0).getName());
            String html = e.getContents().get(0).getValue();
            assertTrue(html.contains("正文第一段"), html);
            assertTrue(!html.contains("广告"), "the source's own clean: rule applies: " + html);
            assertTrue(!html.contains("script") && !html.contains("onclick"), html);
            assertTrue(html.contains("文章来源"), html);
            assertEquals("https://www.cls.example/detail/1", e.getOtherLinks().get(0).getHref());
            assertEquals(1, entries(s, "/feeds/categories/cailianshe.atom").size());
            assertEquals(1, entries(s, "/feeds/tags/%E5%BF%AB%E8%AE%AF.atom").size(), "configured tag");
            assertEquals(1, entries(s, "/feeds/tags/%E5%AE%8F%E8%A7%82.atom").size(), "upstream category as tag");
            Channel rss = Feeds.rome(s.get("/feeds/categories/cailianshe.rss"));
            assertEquals(1, rss.getItems().size());

            document.set(rss(item("2", "第二条快讯", "https://www.cls.example/detail/2"),
                    item("1", "央行：下调存款准备金率 &lt;盘前&gt;", "https://www.cls.example/detail/1")));
            Await.until("the new entry", Duration.ofSeconds(20), () -> entries(s, source).size() == 2);

            JsonNode status = Feeds.json(s.get("/upstreams.json").body());
            assertEquals("财联社", status.get("upstreams").get(0).get("name").asText());
            assertEquals(2, status.get("upstreams").get(0).get("entries").asInt());
            assertEquals(200, status.get("upstreams").get(0).get("last_status").asInt());
            assertEquals("HTTP 500", Await.value("the failing upstream", Duration.ofSeconds(20),
                    () -> Feeds.json(s.get("/upstreams.json").body()).get("upstreams").get(1).get("last_error").asText(),
                    v -> !v.equals("null")));
            String health = new String(s.get("/healthz").body(), StandardCharsets.UTF_8);
            assertTrue(health.startsWith("ok "), health);
            assertTrue(health.contains("upstream 坏源 failing: HTTP 500"), health);
            String page = new String(s.get("/upstreams").body(), StandardCharsets.UTF_8);
            assertTrue(page.contains("财联社") && page.contains(upstream.url("/rss").toString()), page);
            String metrics = new String(s.get("/metrics").body(), StandardCharsets.UTF_8);
            assertTrue(metrics.contains("posthorn_upstream_fetches_total{result=\"200\",upstream=\"财联社\"}"), metrics);
        }
        List<String> ids;
        try (RunningServer s = RunningServer.start(dir.resolve("feeds.yml"))) {
            ids = entries(s, source).stream().map(Entry::getId).toList();
            assertEquals(2, ids.size());
            int polls = upstream.requests("/rss").size();
            Await.until("a poll after the restart", Duration.ofSeconds(20), () -> upstream.requests("/rss").size() > polls);
            assertEquals(ids, entries(s, source).stream().map(Entry::getId).toList(), "no duplicates after a restart");
        }
    }
}
