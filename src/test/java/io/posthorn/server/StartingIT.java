package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.testing.TestSites;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line starts the server while the folders are read: until the index is in, every
 * request is a 503 that nobody caches, never an answer from an empty index (a feed without its
 * entries, or a 404 for a feed that exists).
 */
class StartingIT {
    @TempDir
    Path dir;

    @Test
    void answers503UntilTheIndexIsInThenServes() throws Exception {
        TestSites.copySamples(dir);
        HttpClient client = HttpClient.newHttpClient();
        try (Posthorn posthorn = new Posthorn(TestSites.load(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", "")))) {
            int port = posthorn.start("127.0.0.1", 0).getPort();
            for (String path : new String[] {"/feeds/all.atom", "/feeds/categories/zhitongcaijingwang.atom", "/healthz", "/"}) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(503, r.statusCode(), path);
                assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow(), path);
                assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow(), path);
            }
            posthorn.index();
            HttpResponse<String> feed = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/feeds/categories/zhitongcaijingwang.atom")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, feed.statusCode());
            assertTrue(feed.body().contains("扩大合作！Meta(FB.US)选择微软(MSFT.US)Azure加速Meta AI研发"), feed.body());
        }
    }
}
