package io.posthorn.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.article.Article;
import io.posthorn.article.ArticleReader;
import io.posthorn.config.Config;
import io.posthorn.index.LiveIndex;
import io.posthorn.testing.FeedServer;
import io.posthorn.testing.MovableClock;
import io.posthorn.testing.TestSites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the upstream tests share: a real HTTP server on a free port plays the upstream, Posthorn
 * polls it with {@link Upstreams#pollOnce()} on a movable clock, and a test checks what was
 * written (read back by the real index), what the server saw, and the schedule.
 */
abstract class UpstreamHarness {
    static final String RSS = "application/rss+xml; charset=utf-8";
    static final Instant START = Instant.parse("2026-11-30T02:00:00Z");

    @TempDir
    Path dir;
    FeedServer server;
    MovableClock clock;
    Upstreams upstreams;
    Config config;

    @BeforeEach
    void setUp() throws Exception {
        server = new FeedServer();
        clock = new MovableClock(START);
        Files.createDirectories(dir.resolve("articles"));
    }

    @AfterEach
    void tearDown() {
        if (upstreams != null) {
            upstreams.close();
        }
        server.close();
    }

    static String rss(String... items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>财联社电报</title>"
                + "<link>https://www.cls.example/</link>" + String.join("", items) + "</channel></rss>";
    }

    static String item(String guid, String title, String link, String date, String description) {
        return "<item>" + (guid == null ? "" : "<guid isPermaLink=\"false\">" + guid + "</guid>")
                + "<title>" + title + "</title>" + (link == null ? "" : "<link>" + link + "</link>")
                + (date == null ? "" : "<pubDate>" + date + "</pubDate>")
                + "<description><![CDATA[" + description + "]]></description></item>";
    }

    /** feeds.yml with the articles folder and the given upstream source entries (YAML list items). */
    Upstreams start(String... sources) {
        StringBuilder yaml = new StringBuilder("""
                fetch:
                  connect_timeout: 2s
                  timeout: 3s
                site:
                  title: 财经新闻
                  id: finews.example.com
                  base_url: http://127.0.0.1:8080/
                sources:
                  - path: articles
                """);
        for (String s : sources) {
            yaml.append(s.stripTrailing()).append('\n');
        }
        config = TestSites.load(TestSites.write(dir.resolve("feeds.yml"), yaml.toString()));
        if (upstreams != null) {
            upstreams.close();
        }
        upstreams = new Upstreams(config, clock);
        return upstreams;
    }

    String source(String path, String name) {
        return "  - url: " + server.url(path) + "\n    path: upstream/" + name + "\n    name: " + name
                + "\n    category: cailianshe\n    tags: [快讯]\n    every: 15m\n";
    }

    PollReport pollOne() throws InterruptedException {
        List<PollReport> reports = upstreams.pollOnce();
        assertEquals(1, reports.size(), reports.toString());
        return reports.get(0);
    }

    List<Article> articles() {
        return new LiveIndex(config, new ArticleReader(config, clock)).load().snapshot().all();
    }

    List<Path> files(String name) throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("upstream").resolve(name))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".html")).sorted().toList();
        }
    }
}
