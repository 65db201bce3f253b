package io.posthorn.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.article.Article;
import io.posthorn.article.ArticleReader;
import io.posthorn.config.Config;
import io.posthorn.index.LiveIndex;
import io.posthorn.testing.FeedServer;
import io.posthorn.testing.MovableClock;
import io.posthorn.testing.TestSites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entries to article files, identity and dedupe, and the limits of a fetch, through real parts. */
class UpstreamFetchIT extends UpstreamHarness {
    @Test
    void entriesBecomeArticlesAndTheSecondPollIsConditional() throws Exception {
        server.on("/rss", FeedServer.document(RSS, rss(
                item("cls-1", "宁德时代公告回购 &amp; 增持 &lt;盘前&gt;", "https://www.cls.example/a/1",
                        "2022-05-26 12:19:14", "<p>正文 <a href=\"/b/2\">链接</a></p>"),
                item(null, "第二条", "https://www.cls.example/a/2", "Thu, 26 May 2022 13:00:00 +0800", "<p>二</p>"))));
        start(source("/rss", "cls"));
        PollReport first = pollOne();
        assertEquals("200", first.result());
        assertEquals(2, first.added());
        List<Article> articles = articles();
        assertEquals(2, articles.size());
        Article a = articles.stream().filter(x -> x.title().startsWith("宁德")).findFirst().orElseThrow();
        assertEquals("宁德时代公告回购 & 增持 <盘前>", a.title());
        assertEquals(Instant.parse("2022-05-26T04:19:14Z"), a.published().toInstant(), "site zone for a date without offset");
        assertEquals(List.of("cailianshe"), a.categories());
        assertEquals(List.of("快讯"), a.tags());
        assertEquals("cls", a.source());
        assertEquals("https://www.cls.example/a/1", a.link());
        assertTrue(a.id().startsWith("tag:finews.example.com,2022-05-26:u-"), a.id());
        String text = Files.readString(a.file().path());
        assertTrue(text.contains("href=\"https://www.cls.example/b/2\""), "relative link resolved: " + text);

        PollReport second = pollOne();
        assertEquals("304", second.result());
        List<FeedServer.Seen> seen = server.requests("/rss");
        assertEquals(2, seen.size());
        assertNull(seen.get(0).header("If-None-Match"));
        assertNotNull(seen.get(1).header("If-None-Match"), "ETag sent back");
        assertEquals("Thu, 26 May 2022 04:19:14 GMT", seen.get(1).header("If-Modified-Since"));
        assertEquals("gzip", seen.get(0).header("Accept-Encoding"));
        assertTrue(seen.get(0).header("User-Agent").startsWith("Posthorn/"), seen.get(0).header("User-Agent"));
        assertTrue(seen.get(0).header("User-Agent").contains("http://127.0.0.1:8080/"));
        for (FeedServer.Seen s : seen) { // nothing that sends every cache on the way back to the origin
            assertNull(s.header("Cache-Control"), "Cache-Control: " + s.header("Cache-Control"));
            assertNull(s.header("Pragma"), "Pragma: " + s.header("Pragma"));
        }
        assertEquals(2, files("cls").size());
    }

    @Test
    void anEditedEntryRewritesItsOwnFileAndARepeatWritesNothing() throws Exception {
        AtomicReference<String> body = new AtomicReference<>(rss(item("g1", "原标题", "https://x.example/1",
                "2022-05-26 12:00:00 +0800", "<p>一</p>")));
        server.on("/rss", ex -> FeedServer.send(ex, 200, RSS, body.get().getBytes(StandardCharsets.UTF_8)));
        start(source("/rss", "x"));
        assertEquals(1, pollOne().added());
        Article before = articles().get(0);
        clock.advance(Duration.ofMinutes(20));
        PollReport repeat = pollOne();
        assertEquals(0, repeat.added() + repeat.updated());
        assertEquals(1, repeat.unchanged());
        assertTrue(repeat.changed().isEmpty());

        body.set(rss(item("g1", "新标题", "https://x.example/1", "2022-05-26 12:00:00 +0800", "<p>一</p>")));
        clock.advance(Duration.ofMinutes(20));
        PollReport edit = pollOne();
        assertEquals(1, edit.updated());
        List<Article> after = articles();
        assertEquals(1, after.size());
        assertEquals("新标题", after.get(0).title());
        assertEquals(before.id(), after.get(0).id(), "same id after an edit");
        assertEquals(clock.instant(), after.get(0).updated().toInstant(), "last_modified_at: when the edit was seen");
        assertEquals(before.published(), after.get(0).published());
    }

    @Test
    void aDeletedFileIsNotWrittenAgainUnlessTheEntryChanges() throws Exception {
        AtomicReference<String> body = new AtomicReference<>(rss(item("g1", "标题", null, null, "<p>一</p>")));
        server.on("/rss", ex -> FeedServer.send(ex, 200, RSS, body.get().getBytes(StandardCharsets.UTF_8)));
        start(source("/rss", "x"));
        pollOne();
        Path file = files("x").get(0);
        Files.delete(file);
        assertEquals(1, pollOne().unchanged());
        assertFalse(Files.exists(file));
        body.set(rss(item("g1", "标题", null, null, "<p>改了</p>")));
        assertEquals(1, pollOne().updated());
        assertTrue(Files.exists(file));
    }

    @Test
    void idsSurviveHttpsTrackingParametersAndARestart() throws Exception {
        AtomicReference<String> body = new AtomicReference<>(rss(item(null, "无 guid 的条目", "http://x.example/a/1",
                "2022-05-26 12:00:00 +0800", "<p>一</p>")));
        server.on("/rss", ex -> FeedServer.send(ex, 200, RSS, body.get().getBytes(StandardCharsets.UTF_8)));
        start(source("/rss", "x"));
        pollOne();
        String id = articles().get(0).id();
        body.set(rss(item(null, "无 guid 的条目", "https://x.example/a/1?utm_source=rss&utm_medium=feed#top",
                "2022-05-26 12:00:00 +0800", "<p>一</p>")));
        start(source("/rss", "x")); // a restart: state from disk
        PollReport again = pollOne();
        assertEquals(0, again.added(), again.toString());
        assertEquals(1, articles().size());
        assertEquals(id, articles().get(0).id());
    }

    @Test
    void theSameStoryFromTwoUpstreamsIsKeptOnceAndDuplicateIdsKeepTheFirst() throws Exception {
        server.on("/a", FeedServer.document(RSS, rss(
                item("1", "第一", "https://news.example/s/1", null, "<p>甲</p>"),
                item("1", "第一（重复）", "https://news.example/s/1b", null, "<p>乙</p>"))));
        start(source("/a", "a"), source("/b", "b"));
        List<PollReport> reports = upstreams.pollOnce(); // b answers 404 yet: a is first to the story
        assertEquals(1, reports.get(0).added());
        assertEquals(1, reports.get(0).duplicates());
        assertEquals("404", reports.get(1).result());
        server.on("/b", FeedServer.document(RSS, rss(item("other-guid", "同一新闻", "http://news.example/s/1?spm=abc",
                null, "<p>丙</p>"))));
        reports = upstreams.pollOnce();
        assertEquals(0, reports.get(1).added());
        assertEquals(1, reports.get(1).duplicates());
        List<Article> all = articles();
        assertEquals(1, all.size());
        assertEquals("第一", all.get(0).title());
    }

    @Test
    void gzipIsAcceptedAndABombIsCutNotInflated() throws Exception {
        byte[] feed = rss(item("z", "压缩", null, null, "<p>z</p>")).getBytes(StandardCharsets.UTF_8);
        server.on("/gz", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            FeedServer.send(ex, 200, RSS, FeedServer.gzip(feed));
        });
        byte[] bomb = FeedServer.gzip(new byte[64 << 20]); // 64 MiB of zeros, ~64 KiB on the wire
        server.on("/bomb", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            FeedServer.send(ex, 200, RSS, bomb);
        });
        start(source("/gz", "gz"), source("/bomb", "bomb"));
        List<PollReport> reports = upstreams.pollOnce();
        assertEquals("200", reports.get(0).result());
        assertEquals(1, reports.get(0).added());
        assertEquals("too-large", reports.get(1).result());
        assertTrue(reports.get(1).error().contains("after decompression"), reports.get(1).error());
        assertTrue(reports.get(1).failed());
    }

    @Test
    void aBodyOverTenMebibytesIsRefused() throws Exception {
        byte[] big = new byte[30 << 20];
        java.util.Arrays.fill(big, (byte) ' ');
        server.on("/big", ex -> FeedServer.send(ex, 200, RSS, big));
        start(source("/big", "big"));
        PollReport r = pollOne();
        assertEquals("too-large", r.result());
        assertTrue(r.error().contains("10 MiB"), r.error());
    }

    @Test
    void aTricklingBodyIsCutByTheTotalTimeout() throws Exception {
        server.on("/slow", ex -> {
            ex.getResponseHeaders().set("Content-Type", RSS);
            ex.sendResponseHeaders(200, 0);
            var out = ex.getResponseBody();
            for (int i = 0; i < 60; i++) { // one byte a second, for a minute
                out.write('<');
                out.flush();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        start(source("/slow", "slow"));
        long t0 = System.nanoTime();
        PollReport r = pollOne();
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals("timeout", r.result());
        assertTrue(seconds < 10, "cut after the 3 s total timeout, not after a minute: " + seconds + " s");
    }

    @Test
    void aStalledBodyDoesNotHoldBackAnotherExchangesDeadline() throws Exception {
        server.on("/stall", ex -> { // half a document, then nothing for a minute
            ex.getResponseHeaders().set("Content-Type", RSS);
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // the test is over
            }
        });
        server.on("/trickle", ex -> {
            ex.getResponseHeaders().set("Content-Type", RSS);
            ex.sendResponseHeaders(200, 0);
            for (int i = 0; i < 60; i++) {
                ex.getResponseBody().write(' ');
                ex.getResponseBody().flush();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        start(source("/stall", "stall"), source("/trickle", "trickle"));
        List<PollReport> reports = upstreams.pollOnce();
        assertEquals("timeout", reports.get(0).result());
        assertEquals("timeout", reports.get(1).result());
        // the 3 s deadline: the trickle is cut at it although closing the stalled one waits for its read
        assertTrue(reports.get(1).millis() < 4_500, "trickle cut at the deadline: " + reports.get(1).millis() + " ms");
        // a read that stalls outright waits out its own timeout: twice the deadline at the very worst
        assertTrue(reports.get(0).millis() < 7_000, "stall cut within twice the deadline: " + reports.get(0).millis() + " ms");
    }

    @Test
    void aHeaderRepeatedInAnotherCaseIsOneHeader() throws Exception {
        byte[] feed = rss(item("c", "大小写", null, null, "<p>c</p>")).getBytes(StandardCharsets.UTF_8);
        try (var raw = new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (var s = raw.accept(); var out = s.getOutputStream()) {
                    s.getInputStream().read(new byte[4096]);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nSet-Cookie: a=1\r\n"
                            + "set-cookie: b=2\r\nETAG: \"v1\"\r\nContent-Length: " + feed.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(feed);
                } catch (java.io.IOException e) {
                    // the client hung up
                }
            });
            t.setDaemon(true);
            t.start();
            start("  - url: http://127.0.0.1:" + raw.getLocalPort() + "/feed\n    path: upstream/raw\n    name: raw\n");
            PollReport r = pollOne();
            assertEquals("200", r.result(), String.valueOf(r.error()));
            assertEquals(1, r.added());
        }
    }

    @Test
    void headersThatNeverEndAreCut() throws Exception {
        java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        try (var raw = new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!raw.isClosed()) { // every connection, as a hostile server would (a client may try again)
                    try (var s = raw.accept(); var out = s.getOutputStream()) {
                        connections.incrementAndGet();
                        s.getInputStream().read(new byte[4096]);
                        out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                        byte[] header = "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".getBytes(StandardCharsets.US_ASCII);
                        for (int i = 0; i < 1_000_000; i++) {
                            out.write(header);
                        }
                    } catch (java.io.IOException e) {
                        // the client hung up: expected
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            start("  - url: http://127.0.0.1:" + raw.getLocalPort() + "/feed\n    path: upstream/raw\n    name: raw\n");
            long t0 = System.nanoTime();
            PollReport r = pollOne();
            assertTrue(r.failed());
            assertTrue(r.error().toLowerCase().contains("header"), r.error());
            assertTrue(System.nanoTime() - t0 < 2_500_000_000L, "cut by the size limit, not by the 3 s deadline");
            assertTrue(connections.get() <= 2, "at most one retry: " + connections.get());
        }
    }

    @Test
    void htmlInsteadOfAFeedAndAnEmptyBodyAreFailuresWithAReason() throws Exception {
        server.on("/html", ex -> FeedServer.send(ex, 200, "text/html; charset=utf-8",
                "<!DOCTYPE html><html><head><title>首页</title></head><body><p>不是订阅源</p></body></html>"
                        .getBytes(StandardCharsets.UTF_8)));
        server.on("/empty", ex -> FeedServer.send(ex, 200, RSS, new byte[0]));
        start(source("/html", "html"), source("/empty", "empty"));
        List<PollReport> reports = upstreams.pollOnce();
        assertEquals("not-a-feed", reports.get(0).result());
        assertEquals("not-a-feed", reports.get(1).result());
        assertTrue(reports.get(1).error().contains("empty"), reports.get(1).error());
        assertTrue(articles().isEmpty());
    }

    @Test
    void anEntryWithNeitherTitleNorContentIsSkippedAndTheOthersKept() throws Exception {
        server.on("/rss", FeedServer.document(RSS, rss("<item><guid>e</guid></item>",
                item("ok", "好的", null, null, "<p>正文</p>"), item("t", "", null, null, "<p>只有正文没有标题</p>"))));
        start(source("/rss", "x"));
        PollReport r = pollOne();
        assertEquals(1, r.skipped());
        assertEquals(2, r.added());
        assertEquals(List.of("只有正文没有标题", "好的"), articles().stream().map(Article::title).sorted().toList());
    }

    @Test
    void atMostTwoPollsAtATimeGoToOneHost() throws Exception {
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        String[] sources = new String[6];
        for (int i = 0; i < sources.length; i++) {
            String feed = rss(item("s" + i, "标题" + i, null, null, "<p>正文</p>"));
            server.on("/f" + i, ex -> {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(300); // a slow upstream, so that polls overlap if they may
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                FeedServer.send(ex, 200, RSS, feed.getBytes(StandardCharsets.UTF_8));
            });
            sources[i] = source("/f" + i, "f" + i);
        }
        start(sources);
        List<PollReport> reports = upstreams.pollOnce();
        assertEquals(6, reports.size());
        assertTrue(reports.stream().allMatch(r -> r.added() == 1), reports.toString());
        assertEquals(2, most.get(), "polls of one host overlap, but never more than two");
    }

    @Test
    void noDtdOrExternalEntityIsEverLoadedAndEntityBombsAreRefused() throws Exception {
        server.on("/evil.dtd", ex -> FeedServer.send(ex, 200, "application/xml-dtd",
                "<!ENTITY secret \"leaked\">".getBytes(StandardCharsets.UTF_8)));
        server.on("/xxe", FeedServer.document(RSS, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\"><!ENTITY y SYSTEM \"" + server.url("/evil.dtd") + "\">]><rss version=\"2.0\">"
                + "<channel><title>t</title><item><title>&x;&y;</title><description>d</description></item></channel></rss>"));
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"哈哈哈哈哈哈哈哈哈哈\">");
        for (char c = 'b'; c <= 'k'; c++) {
            laughs.append("<!ENTITY ").append(c).append(" \"");
            for (int i = 0; i < 10; i++) {
                laughs.append('&').append((char) (c - 1)).append(';');
            }
            laughs.append("\">");
        }
        laughs.append("]><rss version=\"2.0\"><channel><title>t</title><item><title>&k;</title></item></channel></rss>");
        server.on("/laughs", FeedServer.document(RSS, laughs.toString()));
        server.on("/rss091", FeedServer.document(RSS, "<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC "
                + "\"-//Netscape Communications//DTD RSS 0.91//EN\" \"" + server.url("/evil.dtd") + "\">"
                + "<rss version=\"0.91\"><channel><title>老式订阅</title><link>https://old.example/</link>"
                + "<description>d</description><language>zh-cn</language><item><title>旧格式的条目</title>"
                + "<link>https://old.example/1</link><description>正文</description></item></channel></rss>"));
        start(source("/xxe", "xxe"), source("/laughs", "laughs"), source("/rss091", "old"));
        List<PollReport> r = upstreams.pollOnce();
        assertEquals("not-a-feed", r.get(0).result());
        assertTrue(r.get(0).error().contains("entities"), r.get(0).error());
        assertEquals("not-a-feed", r.get(1).result());
        assertEquals("200", r.get(2).result());
        assertEquals(1, r.get(2).added(), "a DOCTYPE alone is tolerated");
        assertEquals(List.of("旧格式的条目"), articles().stream().map(Article::title).toList());
        assertTrue(server.requests("/evil.dtd").isEmpty(), "no DTD or entity was fetched");
    }

    @Test
    void badBytesAndControlCharactersAreDroppedAndTheOtherEntriesKept() throws Exception {
        byte[] head = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>"
                + "<item><guid>1</guid><title>坏").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("字节\u0001与&#x7f;控制&#1;字符</title><description>一</description></item>"
                + "<item><guid>2</guid><title>好的条目</title><description>二</description></item></channel></rss>")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3; // a broken UTF-8 sequence
        body[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, body, head.length + 2, tail.length);
        server.on("/rss", FeedServer.document(RSS, body));
        start(source("/rss", "x"));
        assertEquals(2, pollOne().added());
        assertEquals(List.of("坏(字节与控制字符", "好的条目"), articles().stream().map(Article::title).sorted().toList());
    }

    @Test
    void theSameIdFromTwoUpstreamsIsKeptOnce() throws Exception {
        String item = item("https://news.example/s/9", "同一条新闻", null, null, "<p>正文</p>");
        server.on("/main", FeedServer.document(RSS, rss(item)));
        server.on("/section", FeedServer.document(RSS, rss(item)));
        start(source("/main", "main"), source("/section", "section"));
        upstreams.pollOnce();
        assertEquals(1, files("main").size() + files("section").size(), "one file for one story, not two with one key");
        assertEquals(1, articles().size());
        PollReport again = upstreams.pollOnce().get(1);
        assertEquals(0, again.added());
    }

    @Test
    void anEmptyGzipped304IsNotAFailure() throws Exception {
        server.on("/rss", ex -> {
            if (ex.getRequestHeaders().getFirst("If-None-Match") != null) {
                ex.getResponseHeaders().set("Content-Encoding", "gzip");
                ex.sendResponseHeaders(304, -1);
                return;
            }
            ex.getResponseHeaders().set("ETag", "\"v1\"");
            FeedServer.send(ex, 200, RSS, rss(item("1", "标题", null, null, "<p>正文</p>")).getBytes(StandardCharsets.UTF_8));
        });
        start(source("/rss", "x"));
        assertEquals("200", pollOne().result());
        PollReport r = pollOne();
        assertEquals("304", r.result(), String.valueOf(r.error()));
    }
}
