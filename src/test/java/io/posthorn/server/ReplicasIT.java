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
}
