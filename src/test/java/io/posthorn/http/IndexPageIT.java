package io.posthorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.bench.CorpusGenerator;
import io.posthorn.index.FeedKind;
import io.posthorn.index.IndexSnapshot;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index page stays small however many tags and stocks there are: every category and source,
 * the 50 largest tags and stocks, and {@code /topics} for all of them, searchable. Over a
 * generated corpus with the benchmark's shapes (30 sources, Zipf tags, real stock names): the
 * page's size depends on those counts, not on the number of articles.
 */
class IndexPageIT {
    @TempDir
    static Path dir;
    static RunningServer server;
    static IndexSnapshot snapshot;

    @BeforeAll
    static void start() throws Exception {
        CorpusGenerator.generate(dir, 4_000, 42);
        server = RunningServer.start(dir.resolve("feeds.yml"));
        snapshot = server.load().snapshot();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> largest(FeedKind kind, int n) {
        return snapshot.feeds(kind).entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, ?> e) -> -((List<?>) e.getValue()).size())
                        .thenComparing(Map.Entry::getKey))
                .limit(n).map(Map.Entry::getKey).toList();
    }

    static int links(String html, String under) {
        Matcher m = Pattern.compile("<li><a href=\"http://127\\.0\\.0\\.1:8080/feeds/" + under + "/[^\"]+\\.html\">").matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theIndexListsEveryCategoryAndSourceAndTheLargestTagsAndStocks() {
        assertTrue(snapshot.feeds(FeedKind.TAG).size() > 4 * IndexPage.TOP, "tags: " + snapshot.feeds(FeedKind.TAG).size());
        assertTrue(snapshot.feeds(FeedKind.STOCK).size() > IndexPage.TOP, "stocks: " + snapshot.feeds(FeedKind.STOCK).size());
        byte[] body = server.get("/").body();
        String html = new String(body, StandardCharsets.UTF_8);
        assertTrue(body.length < 200 * 1024, "index page bytes: " + body.length);
        assertEquals(snapshot.feeds(FeedKind.CATEGORY).size(), links(html, "categories"));
        assertEquals(snapshot.feeds(FeedKind.SOURCE).size(), links(html, "sources"));
        assertEquals(IndexPage.TOP, links(html, "tags"));
        assertEquals(IndexPage.TOP, links(html, "stocks"));
        for (String tag : largest(FeedKind.TAG, IndexPage.TOP)) {
            assertTrue(html.contains(">" + tag + "</a> <span class=\"count\">("
                    + snapshot.feeds(FeedKind.TAG).get(tag).size() + ")"), tag);
        }
        assertTrue(html.contains("<a href=\"http://127.0.0.1:8080/topics\">全部标签与个股 All tags and stocks</a>"));
    }

    @Test
    void topicsListsThemAllAndSearchesInEitherScript() {
        String all = Feeds.text(server.get("/topics"));
        assertEquals(snapshot.feeds(FeedKind.TAG).size(), links(all, "tags"));
        assertEquals(snapshot.feeds(FeedKind.STOCK).size(), links(all, "stocks"));
        String found = Feeds.text(server.get("/topics?q=" + URLEncoder.encode("寧德時代", StandardCharsets.UTF_8)));
        assertTrue(found.contains(">宁德时代 (300750.SZ)</a>"), "a Traditional search finds the Simplified name");
        assertTrue(links(found, "stocks") >= 1 && links(found, "stocks") < snapshot.feeds(FeedKind.STOCK).size());
        String byCode = Feeds.text(server.get("/topics?q=300750.sz"));
        assertTrue(byCode.contains(">宁德时代 (300750.SZ)</a>"), "codes in any case");
        String none = Feeds.text(server.get("/topics?q=" + URLEncoder.encode("<script>不存在", StandardCharsets.UTF_8)));
        assertEquals(0, links(none, "tags") + links(none, "stocks"));
        assertFalse(none.contains("<script>"), "the query is shown as text");
        assertEquals(400, server.get("/topics?q=" + "x".repeat(201)).statusCode());
        assertEquals(404, server.get("/topics/more").statusCode());
    }
}
