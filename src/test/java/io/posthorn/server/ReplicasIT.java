package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers over the same folders answer every document (every feed, format and page, embed,
 * article page and listing) with identical bytes, ETags, Last-Modified, types and Link headers,
 * plain and gzipped, so that any HTTP cache can sit in front of replicas (issue 16).
 */
class ReplicasIT {
    @TempDir
    Path dir;

    @Test
    void twoReplicasGiveTheSameBytesAndValidatorsForEveryDocument() {
        TestSites.copySamples(dir);
        TestSites.addHostileArticle(dir);
        Path config = TestSites.writeConfig(dir, "http://news.example.org/", "");
        try (RunningServer a = RunningServer.start(config); RunningServer b = RunningServer.start(config)) {
            List<String> paths = Export.paths(a.posthorn().snapshot(), 50);
            assertTrue(paths.size() > 200, "documents compared: " + paths.size());
            // b renders in the opposite order, so no answer can depend on what was rendered first
            List<String> reversed = new java.util.ArrayList<>(paths);
            java.util.Collections.reverse(reversed);
            for (String path : reversed) {
                b.get(path);
            }
            for (String path : paths) {
                for (boolean gzip : new boolean[] {false, true}) {
                    HttpResponse<byte[]> x = gzip ? a.get(path, "Accept-Encoding", "gzip") : a.get(path);
                    HttpResponse<byte[]> y = gzip ? b.get(path, "Accept-Encoding", "gzip") : b.get(path);
                    assertEquals(200, x.statusCode(), path);
                    assertArrayEquals(x.body(), y.body(), path + (gzip ? " (gzip)" : ""));
                    for (String header : List.of("ETag", "Last-Modified", "Content-Type", "Link", "Cache-Control",
                            "Content-Encoding")) {
                        assertEquals(x.headers().firstValue(header), y.headers().firstValue(header), path + " " + header);
                    }
                }
            }
        }
    }

    @Test
    void nginxInFrontOfTwoReplicasKeepsAnsweringWhenOneStops() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ExportIT.Nginx.available(), "needs nginx (.ci/run installs nginx-light)");
        TestSites.copySamples(dir);
        Path config = TestSites.writeConfig(dir, "http://news.example.org/", "");
        RunningServer a = RunningServer.start(config);
        try (RunningServer b = RunningServer.start(config)) {
            int portA = a.uri("/").getPort();
            int portB = b.uri("/").getPort();
            try (Front front = new Front(dir.resolve("nginx-front"), portA, portB)) {
                List<String> paths = Export.paths(b.posthorn().snapshot(), 50);
                for (String path : paths) {
                    HttpResponse<byte[]> direct = b.get(path);
                    HttpResponse<byte[]> cached = ExportIT.get(front.base(), path, false);
                    assertEquals(200, cached.statusCode(), path);
                    assertArrayEquals(direct.body(), cached.body(), "through the cache: " + path);
                    assertEquals(direct.headers().firstValue("ETag"), cached.headers().firstValue("ETag"), path);
                }
                String hit = ExportIT.get(front.base(), "/feeds/all.atom", false).headers().firstValue("X-Cache").orElse("");
                assertEquals("HIT", hit, "the second request comes from the cache");
                a.close(); // one replica stops
                for (String path : paths.subList(0, Math.min(60, paths.size()))) {
                    assertEquals(200, ExportIT.get(front.base(), path + (path.contains("?") ? "&" : "?") + "n=1", false)
                            .statusCode(), "a miss with one replica down: " + path);
                }
            }
        } finally {
            a.close();
        }
    }

    /** nginx with docs/deploy/nginx.conf in front of two replicas, on a free port. */
    static final class Front implements AutoCloseable {
        private final ExportIT.Nginx nginx;

        Front(Path work, int portA, int portB) throws Exception {
            java.nio.file.Files.createDirectories(work.resolve("cache"));
            String site = java.nio.file.Files.readString(Path.of("docs/deploy/nginx.conf"))
                    .replace("/var/cache/nginx/posthorn", work.resolve("cache").toString())
                    .replace("server 127.0.0.1:8081", "server 127.0.0.1:" + portA)
                    .replace("server 127.0.0.1:8082", "server 127.0.0.1:" + portB);
            nginx = new ExportIT.Nginx(site);
        }

        java.net.URI base() {
            return nginx.base;
        }

        @Override
        public void close() {
            nginx.close();
        }
    }
}
