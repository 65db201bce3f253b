package io.posthorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.testing.Feeds;
import io.posthorn.testing.RawHttp;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile requests against a real server, sent as raw bytes so no client tidies them first. */
class HttpHardeningIT {
    @TempDir
    static Path dir;
    static RunningServer server;
    static int port;

    @BeforeAll
    static void start() {
        TestSites.copySamples(dir);
        server = RunningServer.start(TestSites.writeConfig(dir, "http://feeds.example.org/",
                "http:\n  request_timeout_ms: 400\n  idle_timeout_ms: 1500\n  max_header_kb: 8\n"));
        port = server.uri("/").getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            dot-dot                       | /feeds/../../etc/passwd
            dot-dot to the config         | /articles/../feeds.yml
            dot-dot in a feed name        | /feeds/categories/../../feeds.yml.atom
            encoded dots                  | /feeds/%2e%2e/%2e%2e/etc/passwd.atom
            encoded slash                 | /feeds/tags/..%2f..%2ffeeds.yml.atom
            double encoding               | /feeds/tags/%252e%252e%252ffeeds.yml.atom
            backslashes                   | /articles/..\\..\\feeds.yml
            encoded backslashes           | /articles/%5c..%5cfeeds.yml
            absolute path in a name       | /articles//etc/passwd
            mixed                         | /feeds/categories/.%2e/%2E%2E/feeds.yml.atom
            """)
    void pathTraversalInAnySpellingIs404AndReadsNoFile(String name, String target) {
        String answer = RawHttp.exchange(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 10_000);
        assertTrue(answer.startsWith("HTTP/1.1 404 "), answer);
        assertFalse(answer.contains("base_url") || answer.contains("root:"), "no file content leaks");
    }

    @Test
    void overLongUrlsAndHeadersAreRefused() {
        String longUrl = RawHttp.exchange(port, "GET /feeds/" + "a".repeat(20_000) + ".atom HTTP/1.1\r\nHost: x\r\n\r\n", 10_000);
        assertTrue(longUrl.startsWith("HTTP/1.1 400 ") || longUrl.startsWith("HTTP/1.1 414 "), longUrl);
        String longHeader = RawHttp.exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n", 10_000);
        assertTrue(longHeader.startsWith("HTTP/1.1 400 ") || longHeader.startsWith("HTTP/1.1 431 "), longHeader);
    }

    @Test
    void aTricklingClientIsCutOffAfterTheRequestTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();
            out.write("GET /feeds/all.atom HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // one header byte at a time, slower than the 400 ms the server allows for a request head
            int answer = -2;
            for (int i = 0; i < 40 && answer == -2; i++) {
                try {
                    out.write('X');
                    out.flush();
                } catch (java.io.IOException closed) {
                    answer = -1;
                    break;
                }
                socket.setSoTimeout(100);
                try {
                    answer = in.read();
                } catch (java.net.SocketTimeoutException stillOpen) {
                    answer = -2;
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(answer != -2, "connection still open after " + millis + " ms");
            assertTrue(millis < 3_000, "closed after " + millis + " ms");
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            int read = socket.getInputStream().read();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(-1, read, "closed without an answer");
            assertTrue(millis < 6_000, "closed after " + millis + " ms");
        }
    }

    @Test
    void theHostHeaderNeverChangesLinks() {
        String answer = RawHttp.exchange(port, "GET /feeds/all.atom HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
                10_000);
        assertTrue(answer.startsWith("HTTP/1.1 200 "));
        assertTrue(answer.contains("href=\"http://feeds.example.org/feeds/all.atom\""));
        assertFalse(answer.contains("evil.example"));
        assertFalse(Feeds.text(server.get("/")).contains("127.0.0.1:" + port), "links come from base_url");
    }
}
