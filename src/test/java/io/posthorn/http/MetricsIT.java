package io.posthorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics in Prometheus text format counts what the server did. */
class MetricsIT {
    @TempDir
    Path dir;

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(metrics);
        assertTrue(m.find(), series + " not in\n" + metrics);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void requestsCacheArticlesAndRenderTimeAreCounted() {
        TestSites.copySamples(dir);
        TestSites.write(dir.resolve("articles/2022-06-01-broken.md"), "---\ntitle: [broken\n---\n");
        try (RunningServer server = RunningServer.start(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", ""))) {
            server.get("/feeds/all.atom");
            server.get("/feeds/all.atom");
            server.get("/feeds/all.atom");
            server.get("/feeds/categories/nope.atom");
            HttpResponse<byte[]> r = server.get("/metrics");
            assertEquals(200, r.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
            String m = Feeds.text(r);
            assertEquals(3.0, value(m, "posthorn_http_requests_total{route=\"feeds\",status=\"200\"}"));
            assertEquals(1.0, value(m, "posthorn_http_requests_total{route=\"feeds\",status=\"404\"}"));
            assertEquals(13.0, value(m, "posthorn_articles_indexed"));
            assertEquals(1.0, value(m, "posthorn_articles_skipped_total"));
            // misses: the one render of all.atom and the lookup of the unknown feed; then two hits
            assertEquals(2.0, value(m, "posthorn_cache_requests_total{result=\"hit\"}"), m);
            assertEquals(2.0, value(m, "posthorn_cache_requests_total{result=\"miss\"}"), m);
            assertEquals(0.0, value(m, "posthorn_cache_evictions_total"));
            assertTrue(value(m, "posthorn_render_seconds_count") >= 1.0, m);
            assertTrue(m.contains("jvm_memory_used_bytes{area=\"heap\""), "JVM memory is exported");
            // the feed's 13 articles were cleaned once each; another format of the feed reuses them
            assertEquals(13.0, value(m, "posthorn_content_requests_total{result=\"miss\"}"));
            assertEquals(0.0, value(m, "posthorn_content_requests_total{result=\"hit\"}"));
            assertEquals(0.0, value(m, "posthorn_content_evictions_total"));
            server.get("/feeds/all.rss");
            String again = Feeds.text(server.get("/metrics"));
            assertEquals(13.0, value(again, "posthorn_content_requests_total{result=\"miss\"}"));
            assertEquals(13.0, value(again, "posthorn_content_requests_total{result=\"hit\"}"));
            server.get("/definitely/not/here");
            assertEquals(1.0, value(Feeds.text(server.get("/metrics")),
                    "posthorn_http_requests_total{route=\"other\",status=\"404\"}"), "unknown paths share one series");
        }
    }

    @Test
    void periodicRescansAreCountedByKindWithWhatTheyCost() throws Exception {
        TestSites.copySamples(dir);
        for (boolean watching : new boolean[] {true, false}) {
            Path config = TestSites.writeConfig(dir, "http://127.0.0.1:8080/",
                    "watch:\n  enabled: " + watching + "\n  rescan_seconds: 1\n");
            try (RunningServer server = RunningServer.start(config)) {
                // watched folders are rescanned by folder time; unwatched ones file by file
                String kind = watching ? "folders" : "files";
                String series = "posthorn_rescans_total{kind=\"" + kind + "\"}";
                String m = "";
                for (int i = 0; i < 100 && !m.contains(series); i++) {
                    Thread.sleep(100);
                    m = Feeds.text(server.get("/metrics"));
                }
                assertTrue(value(m, series) >= 1.0, m);
                assertTrue(value(m, "posthorn_rescan_cpu_seconds_total{kind=\"" + kind + "\"}") > 0, m);
                assertTrue(value(m, "posthorn_rescan_allocated_bytes_total{kind=\"" + kind + "\"}") > 0, m);
                assertTrue(!m.contains("posthorn_rescans_total{kind=\"" + (watching ? "files" : "folders") + "\"}"), m);
            }
        }
    }
}
