package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.testing.TestSites;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract, exercised on the packaged jar as an operator runs it. */
class CommandLineIT {
    private static final Path JAR = Path.of("target/posthorn.jar").toAbsolutePath();

    @TempDir
    Path dir;

    private Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).start();
    }

    @Test
    void servesOnAFreePortAndPrintsTheListeningLine() throws Exception {
        TestSites.copySamples(dir);
        TestSites.writeConfig(dir, "http://127.0.0.1:8080/", "");
        Process p = launch("serve", "--port", "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher m = Pattern.compile("Posthorn listening on http://127\\.0\\.0\\.1:(\\d+)/").matcher(line);
            assertTrue(m.matches(), line);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + m.group(1) + "/feeds/categories/zhitongcaijingwang.atom")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("扩大合作！Meta(FB.US)选择微软(MSFT.US)Azure加速Meta AI研发"));
        } finally {
            p.destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        }
        assertEquals(0, p.exitValue(), "clean shutdown on SIGTERM");
    }

    @Test
    void serveWithExportWritesTheExportFromItsOwnListenerAndRefusesAFile() throws Exception {
        TestSites.copySamples(dir);
        TestSites.writeConfig(dir, "http://127.0.0.1:8080/", "");
        Files.writeString(dir.resolve("not-a-folder"), "x");
        Process refused = launch("serve", "--port", "0", "--export", "not-a-folder");
        assertTrue(refused.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, refused.exitValue());
        String err = new String(refused.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals("posthorn: --export not-a-folder is not a folder", err);

        // on every address: the export still reaches the server over loopback
        Process p = launch("serve", "--host", "0.0.0.0", "--port", "0", "--export", "out");
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Matcher m = Pattern.compile("Posthorn listening on http://0\\.0\\.0\\.0:(\\d+)/").matcher(line);
            assertTrue(m.matches(), line);
            Path manifest = dir.resolve("out/manifest.json");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(manifest) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(manifest), "the export is written");
            HttpResponse<byte[]> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + m.group(1) + "/feeds/all.atom")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            org.junit.jupiter.api.Assertions.assertArrayEquals(live.body(), Files.readAllBytes(dir.resolve("out/feeds/all.atom")));
        } finally {
            p.destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        }
        assertEquals(0, p.exitValue(), "clean shutdown on SIGTERM");
    }

    @Test
    void badConfigExitsTwoWithOneLineNamingFileLineAndKey() throws Exception {
        Files.createDirectories(dir.resolve("articles"));
        TestSites.writeConfig(dir, "http://127.0.0.1:8080/", "colour: blue\n");
        Process p = launch("--port", "0");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.matches("posthorn: feeds\\.yml:14: colour: unknown key .*"), err);
    }

    @Test
    void missingFolderExitsTwo() throws Exception {
        TestSites.writeConfig(dir, "http://127.0.0.1:8080/", "");
        Process p = launch("--port", "0");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(err.matches("posthorn: feeds\\.yml:6: sources\\[0\\]\\.path: folder not found: .*articles"), err);
    }

    @Test
    void badArgumentsExitTwo() throws Exception {
        Process p = launch("--port", "nope");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        p = launch("--port", "70000");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
    }

    @Test
    void fetchPollsEachUpstreamOncePrintsALineEachAndExitsByResult() throws Exception {
        try (io.posthorn.testing.FeedServer upstream = new io.posthorn.testing.FeedServer()) {
            upstream.on("/rss", io.posthorn.testing.FeedServer.document("application/rss+xml",
                    "<rss version=\"2.0\"><channel><title>财联社</title><item><guid>1</guid><title>快讯一</title>"
                            + "<description>正文</description></item></channel></rss>"));
            upstream.on("/down", io.posthorn.testing.FeedServer.status(500));
            Files.createDirectories(dir.resolve("articles"));
            String site = "site:\n  title: 财经新闻\n  id: finews.example.com\n  base_url: http://127.0.0.1:8080/\n"
                    + "sources:\n  - path: articles\n  - url: " + upstream.url("/rss") + "\n    name: 财联社\n";
            TestSites.write(dir.resolve("feeds.yml"), site);
            Process p = launch("fetch");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.matches("upstream 财联社: 200, 1 new, 0 updated, 0 unchanged, \\d+ ms, next in 15m\\n"), out);
            assertTrue(Files.list(dir.resolve("upstream/财联社")).anyMatch(f -> f.toString().endsWith(".html")));

            p = launch("fetch");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.startsWith("upstream 财联社: 304, 0 new, 0 updated, 1 unchanged"), out);

            TestSites.write(dir.resolve("feeds.yml"), site + "  - url: " + upstream.url("/down") + "\n    name: 坏源\n");
            p = launch("fetch");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, p.exitValue(), out);
            assertTrue(out.contains("upstream 坏源: 500 (HTTP 500), "), out);

            TestSites.write(dir.resolve("feeds.yml"), site + "    every: 0s\n");
            p = launch("fetch");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue());
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(err.matches("posthorn: feeds\\.yml:9: sources\\[1\\]\\.every: must be between 1s and 168h, got '0s'"), err);
        }
    }
}
