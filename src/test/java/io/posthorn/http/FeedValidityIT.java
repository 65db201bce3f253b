package io.posthorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import io.posthorn.testing.AtomSchema;
import io.posthorn.testing.FeedParserCheck;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every feed of a folder whose titles, summaries and names hold {@code & < > "}, {@code <盘前>}
 * and control characters, checked over the served bytes the way validators and readers read
 * them: the Atom schema and the two conditions the W3C Feed Validator warned about
 * ({@code atom:source} without {@code updated}; an RSS description whose text is eaten as HTML),
 * feedparser with {@code bozo=0}, the JSON Feed 1.1 schema; and no DEL or C1 control anywhere.
 * (The W3C validator itself is a Python program that no package registry serves, so CI cannot
 * install it; it was run by hand over the same feeds, see README "Feeds pass the validators".)
 */
class FeedValidityIT {
    @TempDir
    static Path dir;
    static RunningServer server;
    static final String HOSTILE_TITLE = "美股&港股 <盘前> \"快讯\"：A>B";

    @BeforeAll
    static void start() {
        TestSites.write(dir.resolve("articles/a.md"), """
                ---
                title: "美股&港股 <盘前> \\"快讯\\"：A>B"
                date: 2022-05-26 08:00:00 +0800
                categories: [us&hk]
                tags: ["<盘前>", "R&D \\"研发\\""]
                ---
                <p>盘前：道指期货 &lt;涨&gt; 0.5% &amp; 纳指 "期货" 涨 1%。</p>
                <p>（文章来源：华尔街 &amp; &lt;见闻&gt;）</p>
                """);
        TestSites.write(dir.resolve("articles/b.md"), """
                ---
                title: "控制字符\\x7f\\x80在\\u0085标题里"
                date: 2022-05-26 09:00:00 +0800
                categories: [us&hk]
                tags: ["控制\\u0090字符"]
                source: "来源\\x85名"
                ---
                <p title="属性\u0081里">正文&#x80;里&#127;有\u0099控制&#133;字符。</p>
                """);
        server = RunningServer.start(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", ""));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> feedPaths() {
        String opml = Feeds.text(server.get("/opml.xml"));
        Matcher m = Pattern.compile("xmlUrl=\"http://127\\.0\\.0\\.1:8080/([^\"]+)\\.atom\"").matcher(opml);
        List<String> paths = new ArrayList<>();
        while (m.find()) {
            paths.add("/" + m.group(1).replace("&amp;", "&"));
        }
        assertTrue(paths.size() >= 6, paths.toString());
        return paths;
    }

    @Test
    void atomIsValidAndEverySourceHasUpdated() {
        for (String path : feedPaths()) {
            byte[] body = server.get(path + ".atom").body();
            assertEquals(List.of(), AtomSchema.errors(body), path);
            Feed feed = Feeds.rome(body);
            for (Entry e : feed.getEntries()) {
                if (e.getSource() != null) {
                    assertNotNull(e.getSource().getUpdated(), path + ": atom:source needs updated");
                    assertEquals(e.getUpdated(), e.getSource().getUpdated());
                }
            }
        }
        Feed all = Feeds.rome(server.get("/feeds/all.atom").body());
        assertTrue(all.getEntries().stream().anyMatch(e -> e.getTitle().equals(HOSTILE_TITLE)));
    }

    @Test
    void rssDescriptionsAreHtmlWhoseTextIsTheSummary() {
        for (String path : feedPaths()) {
            Channel channel = Feeds.rome(server.get(path + ".rss").body());
            for (Item item : channel.getItems()) {
                String html = item.getDescription().getValue();
                // as a reader shows it: the description rendered as HTML
                String shown = Jsoup.parseBodyFragment(html).body().text();
                assertFalse(html.contains("<盘前>"), "a bare <盘前> would be eaten as a tag: " + html);
                if (item.getTitle().equals(HOSTILE_TITLE)) {
                    assertTrue(shown.startsWith("盘前：道指期货 <涨> 0.5% & 纳指 \"期货\" 涨 1%。"), shown);
                    assertTrue(shown.endsWith("文章来源：华尔街 & <见闻>"), shown);
                }
            }
        }
    }

    @Test
    void feedparserReadsEveryFeedWithoutComplaint() throws Exception {
        Assumptions.assumeTrue(FeedParserCheck.available(), "python3-feedparser is not installed");
        for (String path : feedPaths()) {
            for (String ext : List.of(".atom", ".rss")) {
                String verdict = FeedParserCheck.verdict(server.get(path + ext).body());
                assertTrue(verdict.startsWith("bozo=0 entries="), path + ext + ": " + verdict);
            }
        }
    }

    @Test
    void jsonFeedsMatchTheSchema() {
        for (String path : feedPaths()) {
            assertEquals(List.of(), Feeds.jsonFeedErrors(server.get(path + ".json").body()), path);
        }
    }

    @Test
    void noDelOrC1ControlReachesAnyDocumentAndNelIsASpace() {
        List<String> paths = new ArrayList<>();
        for (String path : feedPaths()) {
            for (String ext : List.of(".atom", ".rss", ".json", ".html")) {
                paths.add(path + ext);
            }
            paths.add(path.replaceFirst("^/feeds/", "/embed/") + ".json");
            paths.add(path.replaceFirst("^/feeds/", "/embed/") + ".html");
        }
        paths.add("/");
        paths.add("/opml.xml");
        paths.add("/articles/b");
        paths.add("/articles/a");
        for (String path : paths) {
            HttpResponse<byte[]> r = server.get(path);
            assertEquals(200, r.statusCode(), path);
            String text = new String(r.body(), StandardCharsets.UTF_8);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                assertFalse(c >= 0x7F && c <= 0x9F, path + ": control U+" + Integer.toHexString(c) + " at " + i);
            }
            assertFalse(text.contains("&#127;") || text.contains("&#x80;") || text.contains("&#133;"), path);
        }
        String atom = Feeds.text(server.get("/feeds/all.atom"));
        assertTrue(atom.contains("<title>控制字符在 标题里</title>"), "NEL became a space, DEL and C1 went");
        assertTrue(atom.contains("来源 名"), atom);
    }
}
