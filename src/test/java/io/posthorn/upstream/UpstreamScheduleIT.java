package io.posthorn.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.testing.FeedServer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Politeness, through a real server and a movable clock: what the upstream says (redirects, 410,
 * 429/503 with Retry-After, 500, max-age) decides when, where and whether Posthorn asks again.
 */
class UpstreamScheduleIT extends UpstreamHarness {
    private UpstreamStatus status() {
        return upstreams.status().get(0);
    }

    private Duration untilNext() {
        return Duration.between(clock.instant(), status().nextPoll());
    }

    private static String feed() {
        return rss(item("1", "标题", null, null, "<p>正文</p>"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {301, 308})
    void aPermanentRedirectSeenOnThreePollsInARowMovesTheUpstream(int status) throws Exception {
        server.on("/old", FeedServer.status(status, "Location", "/new"));
        server.on("/new", FeedServer.document(RSS, feed()));
        start(source("/old", "x"));
        for (int i = 0; i < 3; i++) {
            assertEquals("200", pollOne().result());
        }
        assertEquals(server.url("/new").toString(), status().movedUrl());
        pollOne();
        assertEquals(3, server.requests("/old").size(), "the fourth poll goes to the new URL directly");
        assertEquals(4, server.requests("/new").size());
        String yaml = Files.readString(dir.resolve("feeds.yml"));
        assertTrue(yaml.contains(server.url("/old").toString()), "feeds.yml keeps the configured URL");
    }

    @Test
    void aTemporaryRedirectDoesNotMove() throws Exception {
        server.on("/old", FeedServer.status(302, "Location", server.url("/new").toString()));
        server.on("/new", FeedServer.document(RSS, feed()));
        start(source("/old", "x"));
        for (int i = 0; i < 4; i++) {
            pollOne();
        }
        assertNull(status().movedUrl());
        assertEquals(4, server.requests("/old").size());
    }

    @Test
    void redirectLoopsTooManyRedirectsAndNonHttpTargetsAreRefused() throws Exception {
        server.on("/loop1", FeedServer.status(302, "Location", "/loop2"));
        server.on("/loop2", FeedServer.status(302, "Location", "/loop1"));
        for (int i = 0; i < 7; i++) {
            server.on("/hop" + i, FeedServer.status(307, "Location", "/hop" + (i + 1)));
        }
        server.on("/file", FeedServer.status(301, "Location", "file:///etc/passwd"));
        start(source("/loop1", "loop"), source("/hop0", "hops"), source("/file", "file"));
        List<PollReport> r = upstreams.pollOnce();
        assertEquals("redirect", r.get(0).result());
        assertTrue(r.get(0).error().contains("loop"), r.get(0).error());
        assertEquals("redirect", r.get(1).result());
        assertTrue(r.get(1).error().contains("more than 5"), r.get(1).error());
        assertEquals(6, server.requests("/hop0").size() + server.requests("/hop1").size()
                + server.requests("/hop2").size() + server.requests("/hop3").size() + server.requests("/hop4").size()
                + server.requests("/hop5").size());
        assertEquals("redirect", r.get(2).result());
        assertTrue(r.get(2).error().contains("http and https only"), r.get(2).error());
    }

    @Test
    void gone410StopsPollingUntilTheConfiguredUrlChanges() throws Exception {
        server.on("/gone", FeedServer.status(410));
        server.on("/back", FeedServer.document(RSS, feed()));
        start(source("/gone", "x"));
        assertEquals("410", pollOne().result());
        assertTrue(status().gone());
        assertNull(status().nextPoll());
        clock.advance(Duration.ofDays(2));
        assertTrue(upstreams.pollOnce().isEmpty(), "fetch skips an upstream stopped by 410");
        assertEquals(1, server.requests("/gone").size());
        start("  - url: " + server.url("/back") + "\n    path: upstream/x\n    name: x\n");
        assertEquals("200", pollOne().result(), "a new URL in feeds.yml starts afresh");
    }

    @Test
    void retryAfterInSecondsIsHonoured() throws Exception {
        server.on("/busy", FeedServer.status(429, "Retry-After", "120"));
        start(source("/busy", "x"));
        PollReport r = pollOne();
        assertEquals("429", r.result());
        assertTrue(r.failed());
        assertTrue(untilNext().compareTo(Duration.ofSeconds(120)) >= 0, untilNext().toString());
        clock.advance(Duration.ofSeconds(60));
        assertTrue(upstreams.pollOnce().isEmpty(), "no poll inside Retry-After");
        assertEquals(1, server.requests("/busy").size());
        clock.advance(Duration.ofSeconds(61));
        assertEquals(1, upstreams.pollOnce().size());
        assertEquals(2, server.requests("/busy").size());
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC));
        server.on("/down", FeedServer.status(503, "Retry-After", date));
        start(source("/down", "x"));
        assertEquals("503", pollOne().result());
        assertEquals(START.plus(Duration.ofHours(2)), status().nextPoll());
        assertTrue(status().lastError().contains("retry after 2h"), status().lastError());
    }

    @Test
    void failuresBackOffExponentiallyUpToSixHoursAndSuccessResets() throws Exception {
        server.on("/err", FeedServer.status(500));
        start(source("/err", "x")); // every: 15m
        Duration previous = Duration.ZERO;
        for (int i = 1; i <= 8; i++) {
            pollOne();
            Duration wait = untilNext();
            Duration base = Duration.ofMinutes(15).multipliedBy(1L << (i - 1));
            Duration capped = base.compareTo(Duration.ofHours(6)) > 0 ? Duration.ofHours(6) : base;
            assertTrue(wait.toMillis() >= capped.toMillis() * 0.74 && wait.compareTo(Duration.ofHours(6)) <= 0,
                    "failure " + i + ": " + wait);
            assertEquals(i, status().failures());
            assertTrue(status().failing());
            if (i > 1 && base.compareTo(Duration.ofHours(6)) < 0) {
                assertTrue(wait.compareTo(previous) > 0 || wait.toMillis() > previous.toMillis() * 0.6);
            }
            previous = wait;
            clock.advance(wait);
        }
        server.on("/err", FeedServer.document(RSS, feed()));
        pollOne();
        assertEquals(0, status().failures());
        assertEquals(Duration.ofMinutes(15), untilNext());
    }

    @Test
    void quietUpstreamsArePolledLessOftenAndMaxAgeIsAFloor() throws Exception {
        server.on("/rss", FeedServer.document(RSS, feed()));
        start(source("/rss", "x"));
        pollOne(); // 1 new
        assertEquals(Duration.ofMinutes(15), untilNext());
        for (int i = 1; i <= 10; i++) {
            pollOne(); // 304s: nothing new
        }
        assertEquals(Duration.ofMinutes(30), untilNext(), "after 10 empty polls: half as often");
        for (int i = 0; i < 10; i++) {
            pollOne();
        }
        assertEquals(Duration.ofMinutes(60), untilNext(), "after 20: a quarter as often (4x every)");
        server.on("/cached", ex -> {
            ex.getResponseHeaders().set("Cache-Control", "public, max-age=3600");
            FeedServer.send(ex, 200, RSS, feed().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        start(source("/cached", "y"));
        pollOne();
        assertEquals(Duration.ofHours(1), Duration.between(clock.instant(), upstreams.status().get(0).nextPoll()));
    }

    @Test
    void gbkDeclaredOnlyInTheHttpHeaderIsReadAsGb18030() throws Exception {
        Charset gbk = Charset.forName("GBK");
        byte[] body = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>证券时报</title>"
                + "<item><guid>g</guid><title>沪指收涨，券商板块领涨</title><description>正文</description></item>"
                + "</channel></rss>").getBytes(gbk);
        server.on("/gbk", ex -> FeedServer.send(ex, 200, "text/xml; charset=GBK", body));
        start("  - url: " + server.url("/gbk") + "\n    path: upstream/stcn\n");
        PollReport r = pollOne();
        assertEquals(1, r.added());
        assertEquals("沪指收涨，券商板块领涨", articles().get(0).title());
        assertEquals("证券时报", articles().get(0).source(), "no name configured: the upstream's title");
    }

    @Test
    void keepDaysDeletesOldEntryFilesAndDoesNotWriteThemAgain() throws Exception {
        server.on("/rss", FeedServer.document(RSS, rss(
                item("old", "旧闻", null, "2026-11-01 10:00:00 +0800", "<p>旧</p>"),
                item("new", "新闻", null, "2026-11-29 10:00:00 +0800", "<p>新</p>"))));
        start("  - url: " + server.url("/rss") + "\n    path: upstream/x\n    name: x\n    keep_days: 7\n");
        PollReport r = pollOne();
        assertEquals(2, r.added());
        assertEquals(List.of("新闻"), articles().stream().map(a -> a.title()).toList());
        clock.advance(Duration.ofMinutes(20));
        PollReport again = pollOne();
        assertEquals(0, again.added() + again.updated());
        assertEquals(1, files("x").size());
        assertFalse(upstreams.status().get(0).failing());
    }

    @Test
    void aDateInTheFutureBecomesTheTimeSeenAndNoDateStaysPut() throws Exception {
        server.on("/rss", FeedServer.document(RSS, rss(
                item("f", "来自未来", null, "2030-01-01 00:00:00 +0800", "<p>未来</p>"),
                item("n", "没有日期", null, null, "<p>无</p>"))));
        start(source("/rss", "x"));
        pollOne();
        Instant seen = clock.instant();
        clock.advance(Duration.ofHours(3));
        start(source("/rss", "x"));
        server.on("/rss", FeedServer.document(RSS, rss(
                item("f", "来自未来", null, "2030-01-01 00:00:00 +0800", "<p>未来</p>"),
                item("n", "没有日期（改）", null, null, "<p>无</p>"))));
        assertEquals(1, pollOne().updated());
        for (var a : articles()) {
            assertEquals(seen, a.published().toInstant(), a.title());
        }
    }

    @Test
    void keepDaysOverAMonthStillDeletesEntriesTheUpstreamNoLongerLists() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> body = new java.util.concurrent.atomic.AtomicReference<>(
                rss(item("gone-soon", "会被删除", null, "2026-11-29 10:00:00 +0800", "<p>旧</p>")));
        server.on("/rss", ex -> FeedServer.send(ex, 200, RSS, body.get().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        start("  - url: " + server.url("/rss") + "\n    path: upstream/x\n    name: x\n    keep_days: 45\n");
        assertEquals(1, pollOne().added());
        body.set(rss(item("other", "另一条", null, null, "<p>新</p>")));
        clock.advance(Duration.ofDays(35)); // unlisted for longer than entries are remembered
        pollOne();
        assertEquals(2, files("x").size(), "45 days have not passed");
        clock.advance(Duration.ofDays(12));
        pollOne();
        assertEquals(List.of("另一条"), articles().stream().map(a -> a.title()).toList(), "deleted after 45 days");
    }
}
