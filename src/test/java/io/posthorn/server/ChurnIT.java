package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.testing.Await;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers during churn only ever get complete feeds of one snapshot: well-formed, ETag matching
 * the bytes, no 5xx. Afterwards the served feeds equal what a fresh start over the folder serves.
 */
class ChurnIT {
    private static final List<String> FEEDS = List.of("/feeds/all.atom", "/feeds/all.rss", "/feeds/all.json",
            "/feeds/categories/churn.atom", "/feeds/categories/cailianshe.atom", "/feeds/tags/%E7%83%AD.atom",
            "/feeds/tags/%E5%86%B7.rss", "/feeds/sources/%E8%B4%A2%E8%81%94%E7%A4%BE.atom");

    @TempDir
    Path dir;

    @Test
    void readersSeeOnlyWholeSnapshotsAndTheEndStateMatchesAFreshStart() throws Exception {
        TestSites.copySamples(dir);
        Path config = TestSites.writeConfig(dir, "http://127.0.0.1:8080/", "watch:\n  debounce_ms: 30\n  rescan_seconds: 0\n");
        Path articles = dir.resolve("articles/churn");
        Files.createDirectories(articles);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger responses = new AtomicInteger();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        try (RunningServer server = RunningServer.start(config)) {
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                Thread reader = new Thread(() -> {
                    Random random = new Random(seed);
                    while (running.get()) {
                        String path = FEEDS.get(random.nextInt(FEEDS.size()));
                        HttpResponse<byte[]> r = server.get(path, random.nextBoolean()
                                ? new String[] {"Accept-Encoding", "gzip"} : new String[0]);
                        responses.incrementAndGet();
                        check(path, r, problems);
                    }
                });
                reader.start();
                readers.add(reader);
            }
            Random random = new Random(42);
            long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            int n = 0;
            while (System.nanoTime() < end) {
                int i = random.nextInt(30);
                Path file = articles.resolve("2022-10-%02d-c%02d.md".formatted(i % 28 + 1, i));
                switch (random.nextInt(5)) {
                    case 0, 1 -> TestSites.write(file, TestSites.article("变动" + i + "版" + n, "2022-10-%02d 10:%02d:00 +0800"
                            .formatted(i % 28 + 1, n % 60), "churn", random.nextBoolean() ? "热" : "热 冷",
                            "<p>正文" + n + "。</p><p>来源：财联社</p>"));
                    case 2 -> Files.deleteIfExists(file);
                    case 3 -> {
                        if (Files.exists(file)) {
                            Files.move(file, articles.resolve("2022-10-%02d-r%02d.md".formatted(i % 28 + 1, i)),
                                    StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                    default -> TestSites.write(file, "---\ntitle: [broken\n---\n");
                }
                n++;
            }
            // quiesce: wait until the server has caught up with the folder (a fresh start's snapshot)
            running.set(false);
            for (Thread reader : readers) {
                reader.join();
            }
            try (RunningServer fresh = RunningServer.start(config)) {
                Await.until("the live server to match a fresh start", Duration.ofSeconds(20), () -> FEEDS.stream()
                        .allMatch(p -> java.util.Arrays.equals(fresh.get(p).body(), server.get(p).body())));
                for (String p : FEEDS) {
                    assertEquals(fresh.get(p).headers().firstValue("ETag"), server.get(p).headers().firstValue("ETag"), p);
                }
            }
            assertTrue(responses.get() > 100, "readers made " + responses.get() + " requests");
            assertEquals(List.of(), List.copyOf(problems));
            assertTrue(n > 50, "changes made: " + n);
        }
    }

    private static void check(String path, HttpResponse<byte[]> r, ConcurrentLinkedQueue<String> problems) {
        if (r.statusCode() == 404 && !path.contains("/all.")) {
            return; // a feed may be empty (gone) for a moment during churn
        }
        if (r.statusCode() != 200) {
            problems.add(path + ": status " + r.statusCode());
            return;
        }
        byte[] body = r.headers().firstValue("Content-Encoding").isPresent() ? Feeds.gunzip(r.body()) : r.body();
        try {
            String expected = "\"" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(r.body())).substring(0, 27) + "\"";
            if (!expected.equals(r.headers().firstValue("ETag").orElse(""))) {
                problems.add(path + ": ETag does not match the bytes");
            }
            if (path.endsWith(".json")) {
                Feeds.json(body);
            } else {
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(body));
            }
        } catch (Exception | AssertionError e) {
            problems.add(path + ": " + e.getMessage());
        }
    }
}
