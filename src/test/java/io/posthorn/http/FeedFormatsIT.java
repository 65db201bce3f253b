package io.posthorn.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import io.posthorn.testing.AtomSchema;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** RSS, JSON Feed, paging, conditional GET, gzip, OPML and previews, through a real server. */
class FeedFormatsIT {
    private static final String BASE = "http://feeds.example.org/";

    @TempDir
    static Path dir;
    static RunningServer server;

    @BeforeAll
    static void start() {
        TestSites.copySamples(dir);
        server = RunningServer.start(TestSites.writeConfig(dir, BASE, "  max_age: 123\n  max_limit: 60\n", ""));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every feed path listed in the OPML document, without extension. */
    static List<String> feedPaths() {
        String opml = Feeds.text(server.get("/opml.xml"));
        Matcher m = Pattern.compile("xmlUrl=\"" + Pattern.quote(BASE) + "([^\"]+)\\.atom\"").matcher(opml);
        List<String> paths = new ArrayList<>();
        while (m.find()) {
            paths.add(m.group(1));
        }
        return paths;
    }

    @Test
    void opmlListsEveryFeedAndEachOneServesInEveryFormatWithTheSameEntries() {
        List<String> paths = feedPaths();
        // all + 3 categories + 3 sources + the securities the samples name + the sample tags
        assertEquals(1 + 3 + 3 + server.posthorn().snapshot().feeds(io.posthorn.index.FeedKind.STOCK).size()
                + server.posthorn().snapshot().feeds(io.posthorn.index.FeedKind.TAG).size(), paths.size());
        assertTrue(paths.contains("feeds/stocks/MSFT.US"), paths.toString());
        for (String path : paths) {
            HttpResponse<byte[]> atomResponse = server.get("/" + path + ".atom");
            assertEquals(List.of(), AtomSchema.errors(atomResponse.body()), path);
            Feed atom = Feeds.rome(atomResponse);
            List<String> ids = atom.getEntries().stream().map(Entry::getId).toList();

            HttpResponse<byte[]> rssResponse = server.get("/" + path + ".rss");
            assertEquals("application/rss+xml; charset=utf-8", rssResponse.headers().firstValue("Content-Type").orElseThrow());
            Channel rss = Feeds.rome(rssResponse);
            assertEquals(ids, rss.getItems().stream().map(i -> i.getGuid().getValue()).toList(), path);
            assertTrue(rss.getItems().stream().noneMatch(i -> i.getGuid().isPermaLink()), path);

            HttpResponse<byte[]> jsonResponse = server.get("/" + path + ".json");
            assertEquals("application/feed+json; charset=utf-8", jsonResponse.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(List.of(), Feeds.jsonFeedErrors(jsonResponse.body()), path);
            JsonNode json = Feeds.json(jsonResponse.body());
            List<String> jsonIds = new ArrayList<>();
            json.get("items").forEach(item -> jsonIds.add(item.get("id").asText()));
            assertEquals(ids, jsonIds, path);
            assertEquals(BASE + path + ".json", json.get("feed_url").asText());
            json.get("items").forEach(item -> assertFalse(item.get("authors").get(0).get("name").asText().isBlank()));
        }
    }

    @Test
    void rssAndJsonCarryTheAttribution() {
        Channel rss = Feeds.rome(server.get("/feeds/categories/zhitongcaijingwang.rss"));
        Item item = rss.getItems().stream().filter(i -> i.getGuid().getValue().endsWith("meta-azure")).findFirst().orElseThrow();
        assertEquals("智通财经网", item.getSource().getValue());
        assertEquals(BASE + "feeds/sources/%E6%99%BA%E9%80%9A%E8%B4%A2%E7%BB%8F%E7%BD%91.rss", item.getSource().getUrl());
        assertTrue(item.getDescription().getValue().endsWith("文章来源：智通财经网"));
        String xml = Feeds.text(server.get("/feeds/categories/zhitongcaijingwang.rss"));
        assertTrue(xml.contains("<dc:creator>智通财经网</dc:creator>"), xml);

        JsonNode json = Feeds.json(server.get("/feeds/categories/zhitongcaijingwang.json").body());
        JsonNode entry = null;
        for (JsonNode i : json.get("items")) {
            if (i.get("id").asText().endsWith("meta-azure")) {
                entry = i;
            }
        }
        assertEquals("智通财经网", entry.get("authors").get(0).get("name").asText());
        assertEquals("智通财经网", entry.get("_source").get("name").asText());
        assertEquals("2022-05-26T12:19:14+08:00", entry.get("date_published").asText());
        assertEquals("http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202205262392869192",
                entry.get("external_url").asText());
    }

    static Stream<String> formats() {
        return Stream.of("atom", "rss", "json", "html");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void conditionalGetAnswers304InEveryFormatGzippedAndNot(String ext) {
        String path = "/feeds/categories/cailianshe." + ext;
        for (boolean gzip : new boolean[] {false, true}) {
            String[] accept = gzip ? new String[] {"Accept-Encoding", "gzip"} : new String[0];
            HttpResponse<byte[]> first = server.get(path, accept);
            assertEquals(200, first.statusCode());
            String etag = first.headers().firstValue("ETag").orElseThrow();
            String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
            assertEquals("public, max-age=123", first.headers().firstValue("Cache-Control").orElseThrow());
            assertEquals("Accept-Encoding", first.headers().firstValue("Vary").orElseThrow());
            assertEquals(gzip ? "gzip" : "none", first.headers().firstValue("Content-Encoding").orElse("none"));

            for (String[] validators : List.of(
                    new String[] {"If-None-Match", etag},
                    new String[] {"If-None-Match", "W/" + etag},
                    new String[] {"If-None-Match", "\"nope\", " + etag},
                    new String[] {"If-None-Match", "*"},
                    new String[] {"If-Modified-Since", lastModified})) {
                HttpResponse<byte[]> second = server.get(path, concat(accept, validators));
                assertEquals(304, second.statusCode(), ext + " " + validators[0] + ": " + validators[1]);
                assertEquals(0, second.body().length);
                assertEquals(etag, second.headers().firstValue("ETag").orElseThrow());
            }
            // If-None-Match wins over a matching If-Modified-Since
            HttpResponse<byte[]> both = server.get(path, concat(accept,
                    new String[] {"If-None-Match", "\"nope\"", "If-Modified-Since", lastModified}));
            assertEquals(200, both.statusCode());
            HttpResponse<byte[]> older = server.get(path, concat(accept,
                    new String[] {"If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"}));
            assertEquals(200, older.statusCode());
        }
    }

    @Test
    void gzipIsTheSameBytesWithItsOwnEtagAndHeadHasNoBody() {
        HttpResponse<byte[]> plain = server.get("/feeds/all.atom");
        HttpResponse<byte[]> gzip = server.get("/feeds/all.atom", "Accept-Encoding", "gzip, deflate");
        assertArrayEquals(plain.body(), Feeds.gunzip(gzip.body()));
        assertNotEquals(plain.headers().firstValue("ETag"), gzip.headers().firstValue("ETag"));
        assertTrue(gzip.body().length < plain.body().length / 2);
        HttpResponse<byte[]> head = server.send(HttpRequest.newBuilder(server.uri("/feeds/all.atom"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(plain.headers().firstValue("ETag"), head.headers().firstValue("ETag"));
        assertEquals(String.valueOf(plain.body().length), head.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void pagedFeedsWalkTheWholeHistoryWithRfc5005Links() {
        List<String> all = Feeds.<Feed>rome(server.get("/feeds/all.atom")).getEntries().stream().map(Entry::getId).toList();
        List<String> walked = new ArrayList<>();
        String url = BASE + "feeds/all.atom?limit=3";
        int pages = 0;
        while (url != null) {
            Feed page = Feeds.rome(server.get(url.substring(BASE.length() - 1)));
            assertEquals(url, href(page, "self"), "self is the URL served");
            assertEquals(BASE + "feeds/all.atom?limit=3", href(page, "first"));
            assertEquals(BASE + "feeds/all.atom?limit=3&page=5", href(page, "last"));
            if (pages > 0) {
                assertTrue(href(page, "previous") != null);
            }
            assertTrue(page.getEntries().size() <= 3);
            page.getEntries().forEach(e -> walked.add(e.getId()));
            url = href(page, "next");
            pages++;
        }
        assertEquals(5, pages, "13 entries, 3 per page");
        assertEquals(all, walked);
        assertEquals(13, Set.copyOf(walked).size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            limit zero          | limit=0                 | Bad parameter limit: must be a whole number from 1 to 60
            limit over maximum  | limit=61                | Bad parameter limit: must be a whole number from 1 to 60
            limit absurd        | limit=99999999999       | Bad parameter limit: must be a whole number from 1 to 60
            limit not a number  | limit=ten               | Bad parameter limit: must be a whole number from 1 to 60
            limit negative      | limit=-1                | Bad parameter limit: must be a whole number from 1 to 60
            page negative       | page=-1                 | Bad parameter page: must be a whole number from 1
            page zero           | page=0                  | Bad parameter page: must be a whole number from 1
            page past the end   | limit=3&page=6          | Bad parameter page: page 6 is past the last page, 5
            page empty          | page=                   | Bad parameter page: must be a whole number from 1
            """)
    void badParametersAre400WithAOneLineReason(String name, String query, String reason) {
        for (String ext : List.of("atom", "rss", "json", "html")) {
            HttpResponse<byte[]> r = server.get("/feeds/all." + ext + "?" + query);
            assertEquals(400, r.statusCode(), name);
            assertEquals(reason + "\n", Feeds.text(r));
            assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        }
    }

    @Test
    void unknownParametersAreIgnored() {
        assertEquals(200, server.get("/feeds/all.atom?_=12345").statusCode());
    }

    @Test
    void previewIsReadableHtmlWithoutXsltAndLinksEveryFormat() {
        HttpResponse<byte[]> r = server.get("/feeds/categories/zhitongcaijingwang.html");
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        String html = Feeds.text(r);
        assertTrue(html.contains("扩大合作！Meta(FB.US)选择微软(MSFT.US)Azure加速Meta AI研发"));
        for (String ext : List.of("atom", "rss", "json")) {
            assertTrue(html.contains("href=\"" + BASE + "feeds/categories/zhitongcaijingwang." + ext + "\""), ext);
        }
        assertFalse(html.contains("<?xml-stylesheet"));
        assertFalse(html.contains("<script"));
    }

    @Test
    void indexListsEveryFeedWithCountsHeadlinesAndFormats() {
        String html = Feeds.text(server.get("/"));
        assertTrue(html.contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"财经新闻 · 财联社\" "
                + "href=\"" + BASE + "feeds/categories/cailianshe.rss\">"), html);
        assertTrue(html.contains("<link rel=\"alternate\" type=\"application/feed+json\" title=\"财经新闻\" href=\""
                + BASE + "feeds/all.json\">"));
        for (String path : feedPaths()) {
            // tags and stocks are compact lines (preview and Atom); the rest list every format
            boolean compact = path.startsWith("feeds/tags/") || path.startsWith("feeds/stocks/");
            assertTrue(html.contains("href=\"" + BASE + path + (compact ? ".atom" : ".json") + "\""), path);
        }
        assertTrue(html.contains("<span class=\"count\">(13)</span>"));
        assertTrue(html.contains("阿里巴巴-SW(09988)拟申请香港主要上市 预计年底前完成"), "newest headline");
    }

    @Test
    void articlePageLinksItsFeedsAndOriginal() {
        String html = Feeds.text(server.get("/articles/zhengquanshibao/2022-06-20-lpr-unchanged"));
        assertTrue(html.contains("href=\"" + BASE + "feeds/categories/zhengquanshibao.atom\""), html);
        assertTrue(html.contains("href=\"" + BASE + "feeds/tags/%E5%A4%AE%E8%A1%8C.atom\""), "央行 tag feed");
        assertTrue(html.contains("原文 Original"));
    }

    @Test
    void opmlIsServedWithValidators() {
        HttpResponse<byte[]> r = server.get("/opml.xml");
        assertEquals("text/x-opml; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        String etag = r.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, server.get("/opml.xml", "If-None-Match", etag).statusCode());
        assertEquals(404, server.get("/opml.xml/x").statusCode());
    }

    private static String href(Feed feed, String rel) {
        return Stream.concat(feed.getOtherLinks().stream(), feed.getAlternateLinks().stream())
                .filter(l -> rel.equals(l.getRel())).map(Link::getHref).findFirst().orElse(null);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
