package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import io.posthorn.testing.AtomSchema;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real server over a copy of the shipped sample folder; every feed is fetched and parsed back. */
class AtomFeedsIT {
    private static final String EXAMPLE_ID =
            "tag:finews.example.com,2022-05-26:zhitongcaijingwang/2022-05-26-meta-azure";

    @TempDir
    static Path dir;
    static RunningServer server;

    @BeforeAll
    static void start() {
        TestSites.copySamples(dir);
        server = RunningServer.start(TestSites.writeConfig(dir, "http://feeds.example.org/", ""));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Feed parse(HttpResponse<byte[]> response) {
        return Feeds.rome(response);
    }

    static String href(List<Link> links, String rel) {
        return links.stream().filter(l -> rel.equals(l.getRel())).map(Link::getHref).findFirst().orElse(null);
    }

    @Test
    void exampleEntryInItsCategoryFeedIsExact() {
        Feed feed = parse(server.get("/feeds/categories/zhitongcaijingwang.atom"));
        assertEquals("财经新闻 · 智通财经网", feed.getTitle());
        Entry e = feed.getEntries().stream().filter(x -> x.getId().equals(EXAMPLE_ID)).findFirst().orElseThrow();
        assertEquals("扩大合作！Meta(FB.US)选择微软(MSFT.US)Azure加速Meta AI研发", e.getTitle());
        assertEquals(Instant.parse("2022-05-26T04:19:14Z"), e.getPublished().toInstant());
        assertEquals(Instant.parse("2022-05-26T04:19:14Z"), e.getUpdated().toInstant());
        assertEquals("智通财经网", e.getAuthors().get(0).getName());
        assertEquals("智通财经网", e.getSource().getTitle());
        String summary = e.getSummary().getValue();
        assertTrue(summary.startsWith("当地时间周三，Meta(FB.US)选择微软(MSFT.US)的Azure作为“战略云提供商”"), summary);
        assertTrue(summary.endsWith("文章来源：智通财经网"), summary);
        assertEquals("http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202205262392869192",
                href(e.getOtherLinks(), "via"));
        assertEquals("http://feeds.example.org/articles/zhitongcaijingwang/2022-05-26-meta-azure",
                href(e.getAlternateLinks(), "alternate"));
        String content = e.getContents().get(0).getValue();
        assertTrue(content.endsWith("文章来源：<a href=\"http://finews.zning.xyz/html_News/NewsShare.html?"
                + "infoCode=NW202205262392869192\" rel=\"nofollow noopener noreferrer\">智通财经网</a></p>"), content);
        for (String junk : List.of("eastmoney", "EmImageRemark", "display:none", "返回", "withounder", "K图",
                "EM_StockImg", "em_media", "（文章来源")) {
            assertFalse(content.contains(junk), junk + " in " + content);
            assertFalse(summary.contains(junk), junk + " in " + summary);
        }
        assertEquals(List.of("zhitongcaijingwang", "智通财经网新闻"),
                e.getCategories().stream().map(c -> c.getTerm()).toList());
    }

    @Test
    void allFeedHoldsEveryPublishedArticleNewestFirstWithDeterministicTies() {
        Feed feed = parse(server.get("/feeds/all.atom"));
        List<Entry> entries = feed.getEntries();
        assertEquals(13, entries.size(), "14 sample files, one with published: false");
        assertTrue(entries.stream().noneMatch(e -> e.getId().contains("ganfeng")), "published: false is hidden");
        for (int i = 1; i < entries.size(); i++) {
            Instant prev = entries.get(i - 1).getPublished().toInstant();
            Instant cur = entries.get(i).getPublished().toInstant();
            assertFalse(cur.isAfter(prev), "newest first at " + i);
        }
        // ties (articles of the same instant) are ordered by key: IndexSnapshotTest. The samples hold
        // none, since the W3C validator warns about two entries with the same atom:updated
        assertEquals(entries.size(), entries.stream().map(e -> e.getUpdated().toInstant()).distinct().count());
        Instant newest = entries.stream().map(e -> e.getUpdated().toInstant()).max(Instant::compareTo).orElseThrow();
        assertEquals(newest, feed.getUpdated().toInstant(), "feed updated is its newest entry's");
        assertEquals("http://feeds.example.org/feeds/all.atom", href(feed.getOtherLinks(), "self"));
    }

    @Test
    void dateWithoutOffsetIsInSiteTimezoneAndLastModifiedIsUpdated() {
        Map<String, Entry> byId = parse(server.get("/feeds/all.atom")).getEntries().stream()
                .collect(Collectors.toMap(Entry::getId, Function.identity()));
        Entry noOffset = byId.get("tag:finews.example.com,2022-06-02:cailianshe/2022/06/2022-06-02-cambricon-ai-chips");
        assertEquals(Instant.parse("2022-06-02T07:04:05Z"), noOffset.getPublished().toInstant());
        Entry modified = byId.get("tag:finews.example.com,2022-06-06:zhengquanshibao/2022-06-06-smic-capacity");
        assertEquals(Instant.parse("2022-06-06T12:15:33Z"), modified.getPublished().toInstant());
        assertEquals(Instant.parse("2022-06-10T00:00:00Z"), modified.getUpdated().toInstant());
    }

    @Test
    void everyFeedOnTheIndexPageIsValidAtomAndAllIdsArePureAscii() {
        String index = new String(server.get("/").body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("href=\"http://feeds\\.example\\.org/(feeds/[^\"]+\\.atom)\"").matcher(index);
        List<String> paths = new ArrayList<>();
        while (m.find()) {
            if (!paths.contains(m.group(1))) {
                paths.add(m.group(1));
            }
        }
        assertTrue(paths.size() >= 1 + 3 + 3 + 10, "all, 3 categories, 3 sources, tags: " + paths);
        for (String path : paths) {
            HttpResponse<byte[]> response = server.get("/" + path);
            assertEquals(200, response.statusCode(), path);
            assertEquals("application/atom+xml; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(List.of(), AtomSchema.errors(response.body()), path);
            Feed feed = parse(response);
            assertEquals("http://feeds.example.org/" + path, href(feed.getOtherLinks(), "self"));
            assertFalse(feed.getEntries().isEmpty(), path);
            for (Entry e : feed.getEntries()) {
                assertTrue(e.getId().chars().allMatch(c -> c > 0x20 && c < 0x7f), e.getId());
                assertFalse(e.getAuthors().get(0).getName().isBlank());
            }
        }
    }

    @Test
    void chineseTagAndSourceUrlsArePercentEncodedUtf8() {
        String tag = URLEncoder.encode("新能源", StandardCharsets.UTF_8);
        Feed feed = parse(server.get("/feeds/tags/" + tag + ".atom"));
        assertEquals("财经新闻 · 新能源", feed.getTitle());
        assertEquals(3, feed.getEntries().size(), "新能源 on 4 samples, one unpublished");
        assertTrue(feed.getEntries().stream().allMatch(e -> e.getCategories().stream().anyMatch(c -> c.getTerm().equals("新能源"))));

        Feed source = parse(server.get("/feeds/sources/" + URLEncoder.encode("财联社", StandardCharsets.UTF_8) + ".atom"));
        assertEquals(4, source.getEntries().size());
        assertTrue(source.getEntries().stream().allMatch(e -> e.getAuthors().get(0).getName().equals("财联社")));
        // the 财联社 article whose attribution is a plain last line "来源：财联社"
        assertTrue(source.getEntries().stream().anyMatch(e -> e.getId().endsWith("2022-06-08-naura-orders")));
    }

    @Test
    void unknownFeedsAndArticlesAre404() {
        assertEquals(404, server.get("/feeds/categories/nope.atom").statusCode());
        assertEquals(404, server.get("/feeds/tags/%E4%B8%8D%E5%AD%98%E5%9C%A8.atom").statusCode());
        assertEquals(404, server.get("/feeds/widgets/x.atom").statusCode());
        assertEquals(404, server.get("/feeds/categories/zhitongcaijingwang.xml").statusCode());
        assertEquals(404, server.get("/articles/nope").statusCode());
        assertEquals(400, server.get("/feeds/tags/%E4%B8.atom").statusCode(), "invalid UTF-8 in path");
    }

    @Test
    void etagIsStrongAndIfNoneMatchGives304WithoutBody() {
        HttpResponse<byte[]> first = server.get("/feeds/categories/cailianshe.atom");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.startsWith("\"") && etag.endsWith("\""), etag);
        HttpResponse<byte[]> second = server.get("/feeds/categories/cailianshe.atom", "If-None-Match", etag);
        assertEquals(304, second.statusCode());
        assertEquals(0, second.body().length);
        assertEquals(etag, second.headers().firstValue("ETag").orElseThrow());
        HttpResponse<byte[]> other = server.get("/feeds/categories/cailianshe.atom", "If-None-Match", "\"other\"");
        assertEquals(200, other.statusCode());
        assertEquals(new String(first.body(), StandardCharsets.UTF_8), new String(other.body(), StandardCharsets.UTF_8));
    }

    @Test
    void articlePageShowsTheCleanedArticle() {
        HttpResponse<byte[]> page = server.get("/articles/zhitongcaijingwang/2022-05-26-meta-azure");
        assertEquals(200, page.statusCode());
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<h1>扩大合作！Meta(FB.US)选择微软(MSFT.US)Azure加速Meta AI研发</h1>"), html);
        assertTrue(html.contains("文章来源："));
        assertFalse(html.contains("eastmoney"));
    }

    @Test
    void indexPageHasAutodiscoveryAndHealthzAnswers() {
        String html = new String(server.get("/").body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"财经新闻\" "
                + "href=\"http://feeds.example.org/feeds/all.atom\">"), html);
        HttpResponse<byte[]> health = server.get("/healthz");
        assertEquals(200, health.statusCode());
        assertEquals("ok 13 articles\n", new String(health.body(), StandardCharsets.UTF_8));
        assertNotNull(server.posthorn().snapshot());
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        HttpResponse<byte[]> r = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/feeds/all.atom"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(405, r.statusCode());
        assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow());
        assertNotEquals(0, r.body().length);
    }
}
