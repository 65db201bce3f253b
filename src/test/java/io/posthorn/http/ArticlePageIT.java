package io.posthorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.testing.Await;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Article pages are served like feeds: cached, validated, compressed, and fresh after an edit. */
class ArticlePageIT {
    @TempDir
    Path dir;

    @Test
    void anArticlePageHasValidatorsGzipTheFeedsCacheControlAndChangesWithItsFile() {
        Path file = dir.resolve("articles/news/2022-05-26-a.md");
        TestSites.write(file, TestSites.article("第一版标题", "2022-05-26 10:00:00 +0800", "news", "快讯",
                "<p>正文。</p>"));
        try (RunningServer s = RunningServer.start(TestSites.writeConfig(dir, "http://127.0.0.1:8080/",
                "  max_age: 77\n", ""))) {
            String path = "/articles/news/2022-05-26-a";
            HttpResponse<byte[]> first = s.get(path);
            assertEquals(200, first.statusCode());
            assertTrue(Feeds.text(first).contains("第一版标题"));
            String etag = first.headers().firstValue("ETag").orElse(null);
            assertNotNull(etag);
            assertTrue(etag.startsWith("\""), "strong: " + etag);
            assertEquals("Thu, 26 May 2022 02:00:00 GMT", first.headers().firstValue("Last-Modified").orElse(null));
            assertEquals("public, max-age=77", first.headers().firstValue("Cache-Control").orElse(null));
            assertEquals("text/html; charset=utf-8", first.headers().firstValue("Content-Type").orElse(null));

            HttpResponse<byte[]> again = s.get(path, "If-None-Match", etag);
            assertEquals(304, again.statusCode());
            assertEquals(0, again.body().length);
            assertEquals(304, s.get(path, "If-Modified-Since", "Thu, 26 May 2022 02:00:00 GMT").statusCode());

            HttpResponse<byte[]> gzip = s.get(path, "Accept-Encoding", "gzip");
            assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElse(null));
            assertEquals(Feeds.text(first), new String(Feeds.gunzip(gzip.body()), StandardCharsets.UTF_8));
            assertNotEquals(etag, gzip.headers().firstValue("ETag").orElse(null));

            assertEquals(etag, s.get(path).headers().firstValue("ETag").orElse(null), "the same bytes from the cache");

            TestSites.write(file, TestSites.article("第二版标题", "2022-05-26 10:00:00 +0800", "news", "快讯",
                    "<p>改过的正文。</p>"));
            String page = Await.value("the edited page", Duration.ofSeconds(15), () -> Feeds.text(s.get(path)),
                    t -> t.contains("第二版标题"));
            assertTrue(page.contains("改过的正文"), page);
            assertNotEquals(etag, s.get(path).headers().firstValue("ETag").orElse(null));
            assertEquals(200, s.get(path, "If-None-Match", etag).statusCode(), "the old validator no longer matches");
        }
    }
}
