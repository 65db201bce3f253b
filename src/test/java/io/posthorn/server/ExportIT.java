package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.posthorn.config.Config;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code posthorn export}: every document the server answers, written as files that nginx (with
 * docs/deploy/nginx-static.conf) serves at the same paths with the same bytes and types; a second
 * run rewrites nothing, and a deleted article's page goes while only the feeds it was in change.
 */
class ExportIT {
    static final Path NGINX = Path.of("/usr/sbin/nginx");
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    Config config() {
        TestSites.copySamples(dir);
        Path file = TestSites.writeConfig(dir, "http://127.0.0.1:8080/", "");
        try {
            // four entries a page, so that the samples' feeds have pages 2 and 3 to export
            Files.writeString(file, Files.readString(file).replace("  entries: 50\n", "  entries: 4\n"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return TestSites.load(file);
    }

    static List<JsonNode> manifest(Path out) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        Feeds.json(Files.readAllBytes(out.resolve(Export.MANIFEST))).get("documents").forEach(docs::add);
        return docs;
    }

    static HttpResponse<byte[]> get(URI base, String path, boolean gzip) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path));
        if (gzip) {
            r.header("Accept-Encoding", "gzip");
        }
        return CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theExportIsWhatTheServerServesAndASecondRunRewritesOnlyWhatChanged() throws Exception {
        Config config = config();
        Path out = dir.resolve("export");
        Export.Result first = Export.run(config, out);
        List<JsonNode> docs = manifest(out);
        assertEquals(first.documents(), docs.size());
        // readable by the web server's own user (nginx's workers are not the exporting user)
        assertTrue(Files.getPosixFilePermissions(out.resolve("feeds/all.atom"))
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ), "world-readable");
        assertTrue(Files.getPosixFilePermissions(out.resolve("feeds/all.atom.gz"))
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ), "world-readable .gz");
        assertTrue(docs.stream().anyMatch(d -> d.get("path").asText().equals("/feeds/all.atom?page=3")), "paged feeds");
        assertTrue(docs.stream().anyMatch(d -> d.get("path").asText().startsWith("/articles/")), "article pages");
        assertTrue(docs.stream().anyMatch(d -> d.get("path").asText().equals("/embed/all.js")), "the script");
        try (RunningServer server = RunningServer.start(dir.resolve("feeds.yml"))) {
            for (JsonNode d : docs) {
                String path = d.get("path").asText();
                Path file = out.resolve(d.get("file").asText());
                HttpResponse<byte[]> live = server.get(path);
                assertArrayEquals(live.body(), Files.readAllBytes(file), path);
                assertEquals(live.headers().firstValue("Content-Type").orElseThrow(), d.get("content_type").asText(), path);
                assertEquals(live.headers().firstValue("ETag").orElseThrow(), d.get("etag").asText(), path);
                assertEquals(live.headers().firstValue("Last-Modified").orElseThrow(), d.get("last_modified").asText(), path);
                assertArrayEquals(server.get(path, "Accept-Encoding", "gzip").body(),
                        Files.readAllBytes(file.resolveSibling(file.getFileName() + ".gz")), path + ".gz");
            }
        }
        Export.Result again = Export.run(config, out);
        assertEquals(0, again.written(), "nothing changed: nothing rewritten");
        assertEquals(docs.size(), again.unchanged());

        Files.delete(dir.resolve("articles/zhengquanshibao/2022-06-20-lpr-unchanged.md"));
        Export.Result after = Export.run(config, out);
        assertFalse(Files.exists(out.resolve("articles/zhengquanshibao/2022-06-20-lpr-unchanged.html")), "its page is gone");
        assertTrue(after.deleted() >= 1);
        assertTrue(after.written() > 0 && after.written() < docs.size() / 2,
                "only the documents that changed are rewritten: " + after);
    }

    /** Waits (at most 20 s) until {@code check} holds for the export in {@code out}. */
    static void await(Path out, String what, java.util.function.Predicate<Path> check) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!check.test(out)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the export never came to: " + what);
            }
            Thread.sleep(50);
        }
    }

    static boolean fileContains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (IOException e) {
            return false; // being replaced
        }
    }

    /** Every document of the manifest is on disk, plain and gzip, byte for byte what the server answers now. */
    static void assertInStep(RunningServer server, Path out) throws Exception {
        List<JsonNode> docs = manifest(out);
        assertEquals(Export.paths(server.posthorn().snapshot(), 4).size(), docs.size(), "every document, none left over");
        for (JsonNode d : docs) {
            String path = d.get("path").asText();
            Path file = out.resolve(d.get("file").asText());
            HttpResponse<byte[]> live = server.get(path);
            assertArrayEquals(live.body(), Files.readAllBytes(file), path);
            assertEquals(live.headers().firstValue("ETag").orElseThrow(), d.get("etag").asText(), path);
            assertArrayEquals(server.get(path, "Accept-Encoding", "gzip").body(),
                    Files.readAllBytes(file.resolveSibling(file.getFileName() + ".gz")), path + ".gz");
        }
    }

    /** {@link #assertInStep}, within 20 s (a pass may still be writing). */
    static void awaitInStep(RunningServer server, Path out) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                assertInStep(server, out);
                return;
            } catch (AssertionError | IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void serveWithExportKeepsTheFolderInStepAsArticlesChange() throws Exception {
        config();
        Path out = dir.resolve("export");
        try (RunningServer server = RunningServer.start(dir.resolve("feeds.yml"))) {
            server.posthorn().exportTo(out, server.uri("/"));
            await(out, "a manifest", o -> Files.exists(o.resolve(Export.MANIFEST)));
            awaitInStep(server, out);

            Path added = TestSites.write(dir.resolve("articles/zhengquanshibao/2026-11-30-export-new.md"),
                    TestSites.article("导出跟随的新文章", "2026-11-30 10:00:00 +0800", "[zhengquanshibao]", "[导出]",
                            "<p>新文章正文。</p><p>（文章来源：证券时报）</p>"));
            await(out, "the new article in its page, the all feed and its new tag's feed", o ->
                    fileContains(o.resolve("articles/zhengquanshibao/2026-11-30-export-new.html"), "导出跟随的新文章")
                            && fileContains(o.resolve("feeds/all.atom"), "导出跟随的新文章")
                            && fileContains(o.resolve("feeds/tags/导出.json"), "导出跟随的新文章"));
            awaitInStep(server, out); // the pass that wrote them writes its manifest last

            Files.delete(added);
            await(out, "the deleted article's page and tag feed gone", o ->
                    !Files.exists(o.resolve("articles/zhengquanshibao/2026-11-30-export-new.html"))
                            && !Files.exists(o.resolve("feeds/tags/导出.json"))
                            && !fileContains(o.resolve("feeds/all.atom"), "导出跟随的新文章"));
            awaitInStep(server, out);
        }
    }

    @Test
    void nginxServesTheExportAtTheSamePathsWithTheSameBytesAndTypes() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Nginx.available(), "needs " + NGINX + " (.ci/run installs nginx-light)");
        Path out = dir.resolve("export");
        Export.run(config(), out);
        try (RunningServer server = RunningServer.start(dir.resolve("feeds.yml")); Nginx nginx = new Nginx(out)) {
            for (JsonNode d : manifest(out)) {
                String path = d.get("path").asText();
                HttpResponse<byte[]> live = server.get(path);
                HttpResponse<byte[]> plain = get(nginx.base, path, false);
                assertEquals(200, plain.statusCode(), path);
                assertArrayEquals(live.body(), plain.body(), "nginx: " + path);
                assertEquals(live.headers().firstValue("Content-Type").orElseThrow(),
                        plain.headers().firstValue("Content-Type").orElse(""), "nginx: " + path);
                HttpResponse<byte[]> gz = get(nginx.base, path, true);
                assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(""), "nginx gzip_static: " + path);
                assertArrayEquals(live.body(), Feeds.gunzip(gz.body()), "nginx gzip: " + path);
            }
            assertEquals(400, get(nginx.base, "/feeds/all.atom?page=..%2F..%2Fetc", false).statusCode());
        }
    }

    /** nginx serving an export with the shipped configuration, on a free loopback port. */
    static final class Nginx implements AutoCloseable {
        final URI base;
        final Process process;
        final Path work;

        static boolean available() {
            return Files.isExecutable(NGINX);
        }

        /** nginx serving {@code root} with docs/deploy/nginx-static.conf. */
        Nginx(Path root) throws Exception {
            this(Files.readString(Path.of("docs/deploy/nginx-static.conf"))
                    .replace("root /srv/posthorn-export;", "root " + root.toAbsolutePath() + ";"));
        }

        /** nginx with {@code site} (the contents of an http block, listening on 8080) on a free port. */
        Nginx(String site) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            work = Files.createTempDirectory("posthorn-nginx");
            Files.createDirectories(work.resolve("tmp"));
            Files.writeString(work.resolve("site.conf"), site.replace("listen 8080;", "listen 127.0.0.1:" + port + ";"));
            String t = work.resolve("tmp").toString();
            // the test folders are the test user's only: nginx's workers run as that user too
            String user = System.getProperty("user.name").equals("root") ? "user root;\n" : "";
            Files.writeString(work.resolve("nginx.conf"), user + """
                    daemon off;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log warn;
                    events { worker_connections 256; }
                    http {
                      include /etc/nginx/mime.types;
                      access_log off;
                      client_body_temp_path %2$s; proxy_temp_path %2$s; fastcgi_temp_path %2$s; uwsgi_temp_path %2$s; scgi_temp_path %2$s;
                      include %1$s/site.conf;
                    }
                    """.formatted(work, t));
            process = new ProcessBuilder(NGINX.toString(), "-c", work.resolve("nginx.conf").toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile()).start();
            base = URI.create("http://127.0.0.1:" + port);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                try {
                    get(base, "/opml.xml", false);
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline || !process.isAlive()) {
                        throw new IllegalStateException("nginx did not start: " + Files.readString(work.resolve("out.log")), e);
                    }
                    Thread.sleep(50);
                }
            }
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
