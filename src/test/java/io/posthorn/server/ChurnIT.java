package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.testing.Await;
import io.posthorn.testing.Churn;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
                        Churn.check(path, r, problems);
                    }
                });
                reader.start();
                readers.add(reader);
            }
            Churn churn = new Churn(articles, 42);
            long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < end) {
                churn.step();
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
            assertTrue(churn.changes() > 50, "changes made: " + churn.changes());
        }
    }
}
