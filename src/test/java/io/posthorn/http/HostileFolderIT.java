package io.posthorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import io.posthorn.testing.ActiveContent;
import io.posthorn.testing.AtomSchema;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of hostile articles (every XSS vector, XML-illegal characters in every field) served for real. */
class HostileFolderIT {
    private static final String BASE = "http://127.0.0.1:8080/";

    @TempDir
    static Path dir;
    static RunningServer server;
    static int vectors;

    @BeforeAll
    static void start() throws IOException {
        List<String> bodies = new ArrayList<>();
        try (InputStream in = HostileFolderIT.class.getResourceAsStream("/clean/xss.tsv")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .forEach(l -> bodies.add(l.split("\t")[1].replace("\\t", "\t").replace("\\n", "\n")));
        }
        vectors = bodies.size();
        for (int i = 0; i < bodies.size(); i++) {
            TestSites.write(dir.resolve("articles/xss/2022-06-%02d-v%02d.md".formatted(i % 28 + 1, i)),
                    "---\ntitle: \"<script>alert(" + i + ")</script>向量" + i + "<img src=x onerror=alert(1)>\"\n"
                    + "date: 2022-06-" + "%02d".formatted(i % 28 + 1) + " 10:00:00 +0800\n"
                    + "categories: xss\ntags: [\"<b>标签</b>\", \"a/..?#% b\"]\n---\n"
                    + bodies.get(i) + "\n<p>(来源：<script>x</script>坏来源)</p>\n");
        }
        // XML-illegal characters in every field: title, tag, category, summary, body, attribution, original link
        byte[] illegal = ("---\ntitle: \"控制\\x01字符\\x1F标题\\uFFFE\"\ndate: 2022-07-01 10:00:00 +0800\n"
                + "categories: \"cat\\x02egory\"\ntags: [\"标\\x0B签\"]\nsummary: \"摘\\x08要\"\n---\n"
                + "<p>正\u0001文\u0008。\uFFFF</p><p class=\"em_media\">（文章来源：来\u0002源）</p>\n\n"
                + "<http://example.com/a\u0003b>\n").getBytes(StandardCharsets.UTF_8);
        Files.write(TestSites.write(dir.resolve("articles/illegal/2022-07-01-illegal.md"), ""), illegal);
        server = RunningServer.start(TestSites.writeConfig(dir, BASE, ""));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyFeedInEveryFormatIsWellFormedAndInert() {
        String opml = Feeds.text(server.get("/opml.xml"));
        Matcher m = Pattern.compile("xmlUrl=\"" + Pattern.quote(BASE) + "([^\"]+)\\.atom\"").matcher(opml);
        int feeds = 0;
        while (m.find()) {
            String path = "/" + m.group(1);
            HttpResponse<byte[]> atom = server.get(path + ".atom");
            assertEquals(List.of(), AtomSchema.errors(atom.body()), path);
            Feed feed = Feeds.rome(atom);
            for (Entry e : feed.getEntries()) {
                assertEquals(List.of(), ActiveContent.in(e.getContents().get(0).getValue()), e.getId());
                assertFalse(e.getTitle().contains("<"), "markup is stripped from titles: " + e.getTitle());
            }
            Channel rss = Feeds.rome(server.get(path + ".rss"));
            rss.getItems().forEach(i -> assertEquals(List.of(), ActiveContent.in(i.getContent().getValue())));
            HttpResponse<byte[]> json = server.get(path + ".json");
            assertEquals(List.of(), Feeds.jsonFeedErrors(json.body()), path);
            Feeds.json(json.body()).get("items").forEach(i ->
                    assertEquals(List.of(), ActiveContent.in(i.get("content_html").asText())));
            String preview = Feeds.text(server.get(path + ".html"));
            assertEquals(List.of(), ActiveContent.in(preview.substring(preview.indexOf("<body>"))), path);
            feeds++;
        }
        assertTrue(feeds >= 6, "all, 2 categories, tags, sources: " + feeds);
        assertEquals(vectors + 1, Feeds.<Feed>rome(server.get("/feeds/all.atom?limit=100")).getEntries().size());
    }

    @Test
    void xmlIllegalCharactersAreRemovedFromEveryField() {
        Feed feed = Feeds.rome(server.get("/feeds/categories/category.atom"));
        Entry e = feed.getEntries().get(0);
        assertEquals("控制字符标题", e.getTitle());
        assertEquals("category", e.getCategories().get(0).getTerm());
        assertEquals("标签", e.getCategories().get(1).getTerm());
        assertEquals("摘要 文章来源：来源", e.getSummary().getValue());
        assertEquals("来源", e.getAuthors().get(0).getName());
        assertTrue(e.getContents().get(0).getValue().startsWith("<p>正文。</p>"), e.getContents().get(0).getValue());
        JsonNode item = Feeds.json(server.get("/feeds/categories/category.json").body()).get("items").get(0);
        assertEquals("控制字符标题", item.get("title").asText());
        assertEquals(200, server.get("/feeds/sources/%E6%9D%A5%E6%BA%90.atom").statusCode());
        assertEquals(200, server.get("/feeds/tags/a%2F..%3F%23%25%20b.atom").statusCode(), "odd tag gets a working URL");
    }
}
