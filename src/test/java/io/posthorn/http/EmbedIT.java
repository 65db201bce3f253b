package io.posthorn.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.posthorn.article.Article;
import io.posthorn.feed.Html;
import io.posthorn.index.FeedKey;
import io.posthorn.index.FeedKind;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The embeds through a real server and a real HTTP client: JSON and CORS, preflight, validators, the iframe page's policy. */
class EmbedIT {
    private static final String BASE = "http://news.example.org/";
    private static final String CATEGORY = "/embed/categories/zhitongcaijingwang";

    @TempDir
    static Path dir;
    static RunningServer server;

    @BeforeAll
    static void start() {
        TestSites.copySamples(dir);
        TestSites.addHostileArticle(dir);
        server = RunningServer.start(TestSites.writeConfig(dir, BASE, "  max_age: 123\n  max_limit: 60\n", ""));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<Article> articles(FeedKey key) {
        return server.posthorn().snapshot().entries(key).orElseThrow();
    }

    @Test
    void jsonHoldsTheNewestHeadlinesWithAbsoluteLinksAndAttributionReadableFromAnyOrigin() {
        HttpResponse<byte[]> r = server.get(CATEGORY + ".json", "Origin", "http://partner.example.com");
        assertEquals(200, r.statusCode());
        assertEquals("application/json; charset=utf-8", header(r, "Content-Type"));
        assertEquals("*", header(r, "Access-Control-Allow-Origin"));
        assertEquals("ETag, Last-Modified", header(r, "Access-Control-Expose-Headers"));
        assertEquals("nosniff", header(r, "X-Content-Type-Options"));
        JsonNode json = Feeds.json(r.body());
        assertEquals("财经新闻 · 智通财经网", json.get("title").asText());
        assertEquals(BASE + "feeds/categories/zhitongcaijingwang.html", json.get("home_page_url").asText());
        assertEquals(BASE + "feeds/categories/zhitongcaijingwang.atom", json.get("feed_url").asText());

        List<Article> expected = articles(new FeedKey(FeedKind.CATEGORY, "zhitongcaijingwang"));
        JsonNode headlines = json.get("headlines");
        assertEquals(6, expected.size());
        assertEquals(6, headlines.size(), "fewer articles than the default limit: all of them");
        for (int i = 0; i < expected.size(); i++) {
            JsonNode h = headlines.get(i);
            assertEquals(expected.get(i).title(), h.get("title").asText());
            assertEquals(BASE + "articles/" + expected.get(i).key(), h.get("url").asText());
            assertEquals(expected.get(i).id(), h.get("id").asText());
            assertEquals("智通财经网", h.get("source").asText());
            assertFalse(h.has("summary"), "summaries only when asked for");
        }
        assertEquals(TestSites.HOSTILE_TITLE, headlines.get(0).get("title").asText(), "newest first, title as plain text");
        JsonNode meta = headlines.get(5);
        assertEquals(BASE + "articles/zhitongcaijingwang/2022-05-26-meta-azure", meta.get("url").asText());
        assertEquals("2022-05-26T12:19:14+08:00", meta.get("published").asText());
    }

    @Test
    void limitAndSummaryShapeTheJson() {
        List<Article> all = articles(FeedKey.ALL);
        assertEquals(10, Feeds.json(server.get("/embed/all.json").body()).get("headlines").size(), "default 10");
        JsonNode three = Feeds.json(server.get("/embed/all.json?limit=3&summary=1").body()).get("headlines");
        assertEquals(3, three.size());
        JsonNode feed = Feeds.json(server.get("/feeds/all.json?limit=3").body()).get("items");
        for (int i = 0; i < 3; i++) {
            assertEquals(all.get(i).title(), three.get(i).get("title").asText());
            assertEquals(feed.get(i).get("summary").asText(), three.get(i).get("summary").asText(), "the feed's summary");
        }
        assertTrue(three.get(0).get("summary").asText().endsWith("文章来源：智通财经网"));
        JsonNode none = Feeds.json(server.get("/embed/all.json?limit=3&summary=0").body()).get("headlines");
        assertFalse(none.get(0).has("summary"));
        assertEquals(all.size(), Feeds.json(server.get("/embed/all.json?limit=60").body()).get("headlines").size());
    }

    @Test
    void tagsAndSourcesArePercentEncodedLikeFeeds() {
        JsonNode tag = Feeds.json(server.get("/embed/tags/%E7%BE%8E%E8%82%A1.json").body());
        assertEquals("财经新闻 · 美股", tag.get("title").asText());
        assertEquals(articles(new FeedKey(FeedKind.TAG, "美股")).size(), tag.get("headlines").size());
        JsonNode source = Feeds.json(server.get("/embed/sources/%E8%B4%A2%E8%81%94%E7%A4%BE.json").body());
        source.get("headlines").forEach(h -> assertEquals("财联社", h.get("source").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/embed/all.json", "/embed/categories/zhitongcaijingwang.html",
            "/embed/sources/%E8%B4%A2%E8%81%94%E7%A4%BE.js", "/embed/categories/no-such-feed.json"})
    void preflightAllowsGetWithValidatorsFromAnyOrigin(String path) {
        HttpResponse<byte[]> r = server.send(HttpRequest.newBuilder(server.uri(path))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()),
                "Origin", "http://partner.example.com", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "if-none-match,x-tracking");
        assertEquals(204, r.statusCode());
        assertEquals(0, r.body().length);
        assertEquals("*", header(r, "Access-Control-Allow-Origin"));
        assertEquals("GET, HEAD, OPTIONS", header(r, "Access-Control-Allow-Methods"));
        assertEquals("if-none-match", header(r, "Access-Control-Allow-Headers"), "allowed ones echoed, others not");
        assertEquals("86400", header(r, "Access-Control-Max-Age"));
        assertEquals("GET, HEAD, OPTIONS", header(r, "Allow"));

        HttpResponse<byte[]> plain = server.send(HttpRequest.newBuilder(server.uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, plain.statusCode());
        assertEquals("If-None-Match, If-Modified-Since", header(plain, "Access-Control-Allow-Headers"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            OPTIONS | /feeds/all.atom | GET, HEAD
            OPTIONS | /               | GET, HEAD
            OPTIONS | /articles/zhitongcaijingwang/2022-05-26-meta-azure | GET, HEAD
            POST    | /embed/all.json | GET, HEAD, OPTIONS
            DELETE  | /embed/all.js   | GET, HEAD, OPTIONS
            PUT     | /feeds/all.json | GET, HEAD
            """)
    void otherMethodsAre405WithAllow(String method, String path, String allow) {
        HttpResponse<byte[]> r = server.send(HttpRequest.newBuilder(server.uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, r.statusCode());
        assertEquals(allow, header(r, "Allow"));
        assertEquals(path.startsWith("/embed/"), r.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/embed/all.json?limit=4", "/embed/categories/cailianshe.html?theme=dark",
            "/embed/tags/%E7%BE%8E%E8%82%A1.js"})
    void validatorsGzipAndCachingAsForFeeds(String path) {
        for (boolean gzip : new boolean[] {false, true}) {
            String[] accept = gzip ? new String[] {"Accept-Encoding", "gzip"} : new String[0];
            HttpResponse<byte[]> first = server.get(path, accept);
            assertEquals(200, first.statusCode());
            assertEquals("public, max-age=123", header(first, "Cache-Control"));
            assertEquals("Accept-Encoding", header(first, "Vary"));
            assertEquals(gzip ? "gzip" : "none", first.headers().firstValue("Content-Encoding").orElse("none"));
            String etag = header(first, "ETag");
            assertTrue(etag.matches("\"[A-Za-z0-9_-]{27}\""), etag);
            String lastModified = header(first, "Last-Modified");
            if (gzip) {
                assertArrayEquals(server.get(path).body(), Feeds.gunzip(first.body()));
            }
            for (String[] validator : List.of(new String[] {"If-None-Match", etag},
                    new String[] {"If-Modified-Since", lastModified})) {
                HttpResponse<byte[]> again = server.get(path, concat(accept, validator));
                assertEquals(304, again.statusCode(), validator[0]);
                assertEquals(0, again.body().length);
                assertEquals(etag, header(again, "ETag"));
                assertEquals("*", header(again, "Access-Control-Allow-Origin"), "a 304 is readable cross-origin too");
            }
            assertEquals(200, server.get(path, concat(accept, new String[] {"If-None-Match", "\"other\""})).statusCode());
        }
        HttpResponse<byte[]> head = server.send(HttpRequest.newBuilder(server.uri(path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(header(server.get(path), "ETag"), header(head, "ETag"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            limit zero           | /embed/all.json?limit=0                  | Bad parameter limit: must be a whole number from 1 to 60
            limit over maximum   | /embed/all.json?limit=61                 | Bad parameter limit: must be a whole number from 1 to 60
            limit not a number   | /embed/all.html?limit=five               | Bad parameter limit: must be a whole number from 1 to 60
            limit negative       | /embed/categories/cailianshe.json?limit=-1 | Bad parameter limit: must be a whole number from 1 to 60
            summary two          | /embed/all.json?summary=2                | Bad parameter summary: must be 0 or 1
            summary empty        | /embed/all.json?summary=                 | Bad parameter summary: must be 0 or 1
            summary word         | /embed/all.json?summary=yes              | Bad parameter summary: must be 0 or 1
            theme unknown        | /embed/all.html?theme=blue               | Bad parameter theme: must be light or dark
            theme upper case     | /embed/all.html?theme=DARK               | Bad parameter theme: must be light or dark
            theme empty          | /embed/all.html?theme=                   | Bad parameter theme: must be light or dark
            """)
    void badParametersAre400WithAOneLineReason(String name, String path, String reason) {
        HttpResponse<byte[]> r = server.get(path);
        assertEquals(400, r.statusCode(), name);
        assertEquals(reason + "\n", Feeds.text(r));
        assertEquals("text/plain; charset=utf-8", header(r, "Content-Type"));
        assertEquals("*", header(r, "Access-Control-Allow-Origin"), "the script can read why");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/embed/all.json?theme=blue", "/embed/all.html?summary=2", "/embed/all.js?limit=0",
            "/embed/all.json?_=1"})
    void parametersThatDoNotApplyAreIgnored(String path) {
        assertEquals(200, server.get(path).statusCode());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/embed/categories/no-such-feed.json", "/embed/categories/no-such-feed.js",
            "/embed/tags/no-such-tag.html", "/embed/all.atom", "/embed/all", "/embed/", "/embed/kinds/x.json",
            "/embed/categories/zhitongcaijingwang/x.json", "/embed/all/x.json"})
    void unknownEmbedsAre404(String path) {
        HttpResponse<byte[]> r = server.get(path);
        assertEquals(404, r.statusCode());
        assertEquals("*", header(r, "Access-Control-Allow-Origin"));
    }

    @Test
    void iframePageMayBeFramedAnywhereRunsNothingAndOpensLinksInANewTab() throws Exception {
        HttpResponse<byte[]> r = server.get(CATEGORY + ".html?limit=3");
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", header(r, "Content-Type"));
        assertTrue(r.headers().firstValue("X-Frame-Options").isEmpty());
        String html = Feeds.text(r);
        Matcher style = Pattern.compile("<style>(.*?)</style>").matcher(html);
        assertTrue(style.find());
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
        assertEquals("default-src 'none'; style-src 'sha256-" + hash + "'; base-uri 'none'; form-action 'none'; "
                + "sandbox allow-popups allow-popups-to-escape-sandbox; frame-ancestors *",
                header(r, "Content-Security-Policy"));
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("<img"), "the hostile title is text");
        assertTrue(html.contains(">" + Html.escape(TestSites.HOSTILE_TITLE) + "</a>"), html);
        assertEquals(3, count(html, "<li class=\"posthorn-headline\">"));
        List<String> hrefs = new ArrayList<>();
        Matcher links = Pattern.compile("<a ([^>]*)>").matcher(html);
        while (links.find()) {
            assertTrue(links.group(1).endsWith("target=\"_blank\" rel=\"noopener\""), links.group());
            hrefs.add(links.group(1).replaceAll("^href=\"([^\"]*)\".*", "$1"));
        }
        List<Article> expected = articles(new FeedKey(FeedKind.CATEGORY, "zhitongcaijingwang"));
        assertEquals(List.of(BASE + "articles/" + expected.get(0).key(), BASE + "articles/" + expected.get(1).key(),
                BASE + "articles/" + expected.get(2).key(), BASE + "feeds/categories/zhitongcaijingwang.html"), hrefs);
        assertTrue(html.contains("<body class=\"light\">"));
        assertTrue(Feeds.text(server.get(CATEGORY + ".html?theme=dark")).contains("<body class=\"dark\">"));
    }

    @Test
    void scriptIsOneStaticFileServedForEveryFeed() throws IOException {
        byte[] resource;
        try (InputStream in = getClass().getResourceAsStream("/io/posthorn/embed/headlines.js")) {
            resource = in.readAllBytes();
        }
        HttpResponse<byte[]> all = server.get("/embed/all.js");
        HttpResponse<byte[]> tag = server.get("/embed/tags/%E7%BE%8E%E8%82%A1.js");
        assertEquals("application/javascript; charset=utf-8", header(all, "Content-Type"));
        assertArrayEquals(resource, all.body());
        assertArrayEquals(resource, tag.body());
        assertEquals(header(all, "ETag"), header(tag, "ETag"));
        String script = Feeds.text(all);
        assertFalse(script.contains("innerHTML"), "text only, never parsed as HTML");
        assertFalse(script.contains("insertAdjacentHTML"));
        assertFalse(script.contains("document.write"));
    }

    @Test
    void indexShowsTheThreeSnippetsForEveryCategoryAndSourceAndAll() {
        String html = Feeds.text(server.get("/"));
        List<FeedKey> keys = new ArrayList<>();
        keys.add(FeedKey.ALL);
        for (FeedKind kind : List.of(FeedKind.CATEGORY, FeedKind.SOURCE)) {
            server.posthorn().snapshot().feeds(kind).keySet().forEach(name -> keys.add(new FeedKey(kind, name)));
        }
        assertEquals(7, keys.size());
        for (FeedKey key : keys) {
            String url = BASE + key.pathUnder("embed");
            String title = Feeds.json(server.get("/" + key.pathUnder("embed") + ".json").body()).get("title").asText();
            assertTrue(html.contains(snippet("<script async src=\"" + url + ".js\" data-limit=\"5\"></script>")), url);
            assertTrue(html.contains(snippet("<iframe src=\"" + url + ".html?limit=5\" title=\"" + title
                    + "\" width=\"100%\" height=\"320\" style=\"border:0\" loading=\"lazy\" "
                    + "sandbox=\"allow-popups allow-popups-to-escape-sandbox\"></iframe>")), url);
            assertTrue(html.contains(snippet(url + ".json?limit=5")), url);
        }
        assertTrue(html.contains("/embed/tags/"), "tags get the pattern and an example");
    }

    private static String snippet(String code) {
        return "<pre class=\"snippet\">" + Html.escape(code) + "</pre>";
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
