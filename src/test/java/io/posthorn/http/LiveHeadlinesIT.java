package io.posthorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.posthorn.testing.Browser;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.StaticSite;
import io.posthorn.testing.TestSites;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code /embed/{feed}.events} over real HTTP (the stream, filters, variants, Last-Event-ID) and
 * in headless Chromium: a partner page's {@code data-live="1"} list gets a new article's
 * headline within 3 s of its file appearing, with a hostile title kept as text.
 */
class LiveHeadlinesIT {
    static final String BASE = "http://news.example.org/";
    static final AtomicInteger N = new AtomicInteger();
    static volatile String lastKey;

    @TempDir
    static Path dir;
    static RunningServer server;

    @BeforeAll
    static void start() {
        TestSites.copySamples(dir);
        server = RunningServer.start(TestSites.writeConfig(dir, BASE, ""));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String write(String title) {
        int n = N.incrementAndGet();
        lastKey = "cailianshe/2022-09-" + (10 + n) + "-live-" + n;
        TestSites.write(dir.resolve("articles/cailianshe/2022-09-" + (10 + n) + "-live-" + n + ".md"),
                TestSites.article(title, "2022-09-" + (10 + n) + " 10:00:00 +0800", "cailianshe", "[快讯]",
                        "<p>正文。</p><p>（文章来源：财联社）</p>"));
        return title;
    }

    /** An open event stream: its events (id and data) as they arrive. */
    record Stream(HttpResponse<InputStream> response, BlockingQueue<String[]> events) implements AutoCloseable {
        static Stream open(String path, String... headers) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).header("Accept", "text/event-stream");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String id = null;
                    StringBuilder data = new StringBuilder();
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("id:")) {
                            id = line.substring(3).strip();
                        } else if (line.startsWith("data:")) {
                            data.append(line.substring(5).strip());
                        } else if (line.isEmpty() && data.length() > 0) {
                            events.add(new String[] {id, data.toString()});
                            data.setLength(0);
                        }
                    }
                } catch (Exception e) {
                    // closed by the test
                }
            });
            reader.setDaemon(true);
            reader.start();
            return new Stream(r, events);
        }

        String[] next() throws InterruptedException {
            String[] e = events.poll(10, TimeUnit.SECONDS);
            assertTrue(e != null, "an event within 10 s");
            return e;
        }

        @Override
        public void close() throws java.io.IOException {
            response.body().close();
        }
    }

    @Test
    void aNewArticleIsOneEventAndAReconnectGetsWhatItMissed() throws Exception {
        String firstId;
        try (Stream s = Stream.open("/embed/categories/cailianshe.events")) {
            assertEquals(200, s.response().statusCode());
            assertEquals("text/event-stream; charset=utf-8", s.response().headers().firstValue("Content-Type").orElseThrow()
                    .toLowerCase(java.util.Locale.ROOT));
            assertEquals("*", s.response().headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            Thread.sleep(300);
            String title = write("实时快讯：北向资金净流入");
            String key = lastKey;
            String[] e = s.next();
            JsonNode h = Feeds.json(e[1].getBytes(StandardCharsets.UTF_8));
            assertEquals(title, h.get("title").asText());
            assertEquals(BASE + "articles/" + key, h.get("url").asText());
            assertTrue(e[0].matches("[0-9]+-" + java.util.regex.Pattern.quote(key)), e[0]);
            firstId = e[0];
        }
        String missed = write("错过的快讯：央行降准");
        Thread.sleep(1500); // the update lands while no one listens
        try (Stream s = Stream.open("/embed/categories/cailianshe.events", "Last-Event-ID", firstId)) {
            String[] e = s.next();
            assertEquals(missed, Feeds.json(e[1].getBytes(StandardCharsets.UTF_8)).get("title").asText(),
                    "replayed from the snapshot");
        }
    }

    @Test
    void anIdleStreamGetsHeartbeats() throws Exception {
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.uri("/embed/all.events")).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + Duration.ofMillis(EventStreams.HEARTBEAT_MILLIS + 5000).toNanos();
            boolean comment = false;
            java.util.concurrent.Future<String> line = null;
            java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                while (!comment && System.nanoTime() < deadline) {
                    line = reader.submit(in::readLine);
                    String l = line.get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                    comment = l != null && l.startsWith(":");
                }
            } catch (java.util.concurrent.TimeoutException e) {
                // no line in time
            } finally {
                reader.shutdownNow();
            }
            assertTrue(comment, "a comment line within " + (EventStreams.HEARTBEAT_MILLIS + 5000) + " ms of silence");
        }
    }

    @Test
    void streamsFilterAndConvertLikeTheOtherEmbeds() throws Exception {
        try (Stream s = Stream.open("/embed/all.events?q=" + Feeds.query("加息") + "&variant=zh-TW")) {
            Thread.sleep(300);
            write("与利率无关的回购快讯");
            write("美联储加息快讯");
            String[] e = s.next();
            assertEquals("美聯儲加息快訊", Feeds.json(e[1].getBytes(StandardCharsets.UTF_8)).get("title").asText());
        }
        assertEquals(404, server.get("/embed/tags/nothing-here.events").statusCode());
        assertEquals(400, server.get("/embed/all.events?variant=zh-XX").statusCode());
    }

    @Test
    void aLiveListOnAPartnerPageUpdatesInPlace() {
        assumeTrue(Browser.installed(), "needs " + Browser.CHROMIUM + " and " + Browser.CHROMEDRIVER);
        StaticSite partner = StaticSite.start();
        ChromeDriver browser = Browser.start(dir.resolve("chromium-profile-live"));
        try {
            partner.put("/", "text/html; charset=utf-8", """
                    <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>Live</title></head>
                    <body><section id="live"><script async src="%s" data-limit="3" data-live="1"></script></section></body></html>
                    """.formatted(server.uri("/embed/categories/cailianshe.js")));
            browser.get(partner.uri("/").toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(d -> d.findElements(By.cssSelector("#live li.posthorn-headline")).size() == 3);
            sleepQuietly(1000); // the stream is open
            String hostile = "<img src=x onerror=\"window.__pwned=1\">实时";
            long written = System.nanoTime();
            write("&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;实时"); // entities: the title is this literal text
            new WebDriverWait(browser, Duration.ofSeconds(3)).until(d -> hostile.equals(
                    d.findElement(By.cssSelector("#live li.posthorn-headline .posthorn-title")).getText()));
            long ms = (System.nanoTime() - written) / 1_000_000;
            List<WebElement> items = browser.findElements(By.cssSelector("#live li.posthorn-headline"));
            assertEquals(3, items.size(), "the list keeps data-limit items");
            assertEquals("undefined", ((JavascriptExecutor) browser).executeScript("return typeof window.__pwned"));
            assertEquals(0L, ((JavascriptExecutor) browser).executeScript("return document.querySelectorAll('#live img').length"));
            assertTrue(ms < 3000, "in the page " + ms + " ms after the file appeared");
        } finally {
            browser.quit();
            partner.close();
        }
    }

    @Test
    void theLiveIframeUpdatesWithinItsPolicy() {
        assumeTrue(Browser.installed(), "needs " + Browser.CHROMIUM + " and " + Browser.CHROMEDRIVER);
        HttpResponse<byte[]> page = server.get("/embed/categories/cailianshe.html?live=1&limit=3");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("connect-src 'self'") && csp.contains("script-src 'sha256-") && csp.contains("allow-scripts"), csp);
        assertTrue(!server.get("/embed/categories/cailianshe.html").headers().firstValue("Content-Security-Policy")
                .orElseThrow().contains("script-src"), "the plain page runs no script");
        StaticSite partner = StaticSite.start();
        ChromeDriver browser = Browser.start(dir.resolve("chromium-profile-frame"));
        try {
            partner.put("/", "text/html; charset=utf-8", """
                    <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>Live frame</title></head>
                    <body><iframe src="%s" width="100%%" height="320" sandbox="allow-popups allow-popups-to-escape-sandbox allow-scripts"></iframe></body></html>
                    """.formatted(server.uri("/embed/categories/cailianshe.html?live=1&limit=3")));
            browser.get(partner.uri("/").toString());
            browser.switchTo().frame(browser.findElement(By.tagName("iframe")));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(d -> d.findElements(By.cssSelector("li.posthorn-headline")).size() == 3);
            sleepQuietly(1000);
            write("&lt;b onmouseover=&quot;window.__pwned=2&quot;&gt;框架实时");
            String expected = "<b onmouseover=\"window.__pwned=2\">框架实时";
            new WebDriverWait(browser, Duration.ofSeconds(3)).until(d -> expected.equals(
                    d.findElement(By.cssSelector("li.posthorn-headline > a")).getText()));
            assertEquals(3, browser.findElements(By.cssSelector("li.posthorn-headline")).size());
            assertEquals("_blank", browser.findElement(By.cssSelector("li.posthorn-headline > a")).getAttribute("target"));
            assertEquals(0, browser.findElements(By.tagName("b")).size(), "the title stayed text");
        } finally {
            browser.quit();
            partner.close();
        }
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
