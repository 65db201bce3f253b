package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.testing.Await;
import io.posthorn.testing.Churn;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soak, time-bounded: the packaged jar in a small heap (-Xmx96m), many concurrent clients for a
 * fixed time while files are added, edited, renamed, deleted and broken; no 5xx, every response
 * well-formed, heap bounded, and at the end the jar serves what a fresh start over the folder serves.
 */
class SoakIT {
    private static final Duration LOAD = Duration.ofSeconds(8);
    private static final List<String> PATHS = List.of("/feeds/all.atom", "/feeds/all.rss", "/feeds/all.json",
            "/feeds/all.atom?page=2&limit=5", "/feeds/categories/churn.atom", "/feeds/tags/%E7%83%AD.json",
            "/feeds/categories/cailianshe.rss", "/feeds/sources/%E8%B4%A2%E8%81%94%E7%A4%BE.atom",
            "/embed/all.json", "/opml.xml", "/");

    @TempDir
    Path dir;

    @Test
    void concurrentClientsDuringChurnGetOnlyWholeDocuments() throws Exception {
        TestSites.copySamples(dir);
        Path config = TestSites.writeConfig(dir, "http://127.0.0.1:8080/", "watch:\n  debounce_ms: 30\n");
        Process jar = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
                "-jar", Path.of("target/posthorn.jar").toAbsolutePath().toString(), "--config", config.toString(),
                "--port", "0").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String line = new BufferedReader(new InputStreamReader(jar.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Matcher port = Pattern.compile("Posthorn listening on http://127\\.0\\.0\\.1:(\\d+)/").matcher(line);
            assertTrue(port.matches(), line);
            URI base = URI.create("http://127.0.0.1:" + port.group(1));
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger responses = new AtomicInteger();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                Random random = new Random(t);
                Thread c = new Thread(() -> {
                    while (running.get()) {
                        String path = PATHS.get(random.nextInt(PATHS.size()));
                        try {
                            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
                            if (random.nextBoolean()) {
                                b.header("Accept-Encoding", "gzip");
                            }
                            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                            responses.incrementAndGet();
                            if (path.startsWith("/feeds/")) {
                                Churn.check(path, r, problems);
                            } else if (r.statusCode() >= 500) {
                                problems.add(path + ": status " + r.statusCode());
                            }
                        } catch (Exception e) {
                            problems.add(path + ": " + e);
                        }
                    }
                });
                c.start();
                clients.add(c);
            }
            Churn churn = new Churn(dir.resolve("articles/churn"), 7);
            long end = System.nanoTime() + LOAD.toNanos();
            while (System.nanoTime() < end) {
                churn.step();
                Thread.sleep(5); // a realistic pace of changes, not a wait for an outcome
            }
            running.set(false);
            for (Thread c : clients) {
                c.join();
            }
            assertEquals(List.of(), List.copyOf(problems));
            assertTrue(responses.get() > 500, "responses: " + responses.get());
            assertTrue(jar.isAlive(), "the jar survived");

            String metrics = new String(client.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body(), StandardCharsets.UTF_8);
            double heapUsed = sum(metrics, "jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\} ([0-9.E+]+)");
            assertTrue(heapUsed < 96 * 1024 * 1024, "heap used " + heapUsed);

            try (RunningServer fresh = RunningServer.start(config)) {
                for (String p : List.of("/feeds/all.atom", "/feeds/categories/churn.atom", "/feeds/tags/%E7%83%AD.json")) {
                    Await.until("the jar to match a fresh start on " + p, Duration.ofSeconds(20), () -> {
                        try {
                            byte[] live = client.send(HttpRequest.newBuilder(base.resolve(p)).build(),
                                    HttpResponse.BodyHandlers.ofByteArray()).body();
                            return Arrays.equals(fresh.get(p).body(), live);
                        } catch (Exception e) {
                            return false;
                        }
                    });
                }
            }
        } finally {
            jar.destroy();
            jar.waitFor();
        }
    }

    private static double sum(String metrics, String regex) {
        Matcher m = Pattern.compile(regex).matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        assertTrue(total > 0, "no match for " + regex);
        return total;
    }
}
