package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import io.posthorn.testing.Await;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.MovableClock;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.Subscriber;
import io.posthorn.testing.TestSites;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in WebSub hub through real parts: a Posthorn server on the sample articles and a test
 * subscriber (a real HTTP server) that subscribes, confirms, receives signed pushes of new
 * articles and checks them; unsubscription, expiry (a movable clock), retries, 410, a hanging
 * callback, a restart, refused private callbacks, and discovery in every format.
 */
class WebSubIT {
    static final String BASE = "http://127.0.0.1:8080/";
    static final String TOPIC = BASE + "feeds/categories/cailianshe.atom";
    static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    Subscriber subscriber;
    RunningServer server;
    MovableClock clock;
    final AtomicInteger articles = new AtomicInteger();

    @BeforeEach
    void start() {
        TestSites.copySamples(dir);
        subscriber = new Subscriber();
        clock = new MovableClock(Instant.now());
        server = RunningServer.start(config("  allow_private_callbacks: true\n  deliver_timeout: 2s\n  verify_timeout: 2s\n"),
                clock);
    }

    Path config(String websub) {
        return TestSites.writeConfig(dir, BASE, "websub:\n" + websub);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        subscriber.close();
    }

    URI hub() {
        return server.uri("/websub");
    }

    /** Subscribes {@code path} to {@code topic} and waits until the hub has verified it. */
    void subscribe(String path, String topic, String... more) {
        HttpResponse<String> r = Subscriber.request(hub(), "subscribe", topic, subscriber.callback(path), more);
        assertEquals(202, r.statusCode(), r.body());
        int before = server.posthorn().site().hub().active();
        Await.until("the subscription verified", WAIT, () -> server.posthorn().site().hub().active() > before
                || server.posthorn().site().hub().pending() == 0 && !subscriber.verifications(path).isEmpty());
        Await.until("the subscription active", WAIT, () -> server.posthorn().site().hub().pending() == 0);
    }

    /** Writes a new 财联社 article; returns its title. */
    String publish() {
        int n = articles.incrementAndGet();
        String title = "新文章第" + n + "篇：央行开展逆回购操作";
        TestSites.write(dir.resolve("articles/cailianshe/2022-08-0" + n + "-new-" + n + ".md"), TestSites.article(title,
                "2022-08-0" + n + " 10:00:00 +0800", "cailianshe", "[央行]", "<p>" + title + "。</p><p>（文章来源：财联社）</p>"));
        return title;
    }

    @Test
    void aSubscriberIsVerifiedAndGetsSignedPushesOfNewArticles() throws Exception {
        subscribe("/cb", TOPIC, "hub.secret", "s3cret", "hub.lease_seconds", "3600");
        Subscriber.Verification v = subscriber.verifications("/cb").get(0);
        assertEquals("subscribe", v.params().get("hub.mode"));
        assertEquals(TOPIC, v.params().get("hub.topic"));
        assertEquals("3600", v.params().get("hub.lease_seconds"));
        assertTrue(v.params().get("hub.challenge").length() >= 32, "an unguessable challenge");
        assertEquals(1, server.posthorn().site().hub().active());

        String title = publish();
        Subscriber.Delivery d = Await.value("a push", WAIT, () -> subscriber.deliveries("/cb"), l -> !l.isEmpty()).get(0);
        assertEquals("application/atom+xml; charset=utf-8", d.header("Content-Type"));
        assertTrue(Subscriber.sameSignature(Subscriber.signature("s3cret", d.body()), d.header("X-Hub-Signature")),
                "signed with the secret: " + d.header("X-Hub-Signature"));
        assertEquals("<" + BASE + "websub>; rel=\"hub\", <" + TOPIC + ">; rel=\"self\"", d.header("Link"));
        Feed pushed = Feeds.rome(d.body());
        assertEquals(title, pushed.getEntries().get(0).getTitle(), "the new document, newest first");
        assertEquals(Feeds.text(server.get("/feeds/categories/cailianshe.atom")), d.text(), "the document as served");
    }

    @Test
    void anUnsubscribedCallbackGetsNothingMore() {
        subscribe("/cb", TOPIC);
        publish();
        Await.until("a push", WAIT, () -> subscriber.deliveries("/cb").size() == 1);
        HttpResponse<String> r = Subscriber.request(hub(), "unsubscribe", TOPIC, subscriber.callback("/cb"));
        assertEquals(202, r.statusCode(), r.body());
        Await.until("unsubscribed", WAIT, () -> server.posthorn().site().hub().active() == 0);
        assertEquals("unsubscribe", subscriber.verifications("/cb").get(1).params().get("hub.mode"));
        publish();
        Await.until("the new article in its feed", WAIT, () -> Feeds.text(server.get("/feeds/categories/cailianshe.atom"))
                .contains("新文章第2篇"));
        sleep(1500);
        assertEquals(1, subscriber.deliveries("/cb").size(), "no push after unsubscribing");
    }

    @Test
    void aSubscriptionThatIsNotConfirmedNeverStarts() {
        subscriber.refusing("/nobody");
        HttpResponse<String> r = Subscriber.request(hub(), "subscribe", TOPIC, subscriber.callback("/nobody"));
        assertEquals(202, r.statusCode());
        Await.until("the verification tried", WAIT, () -> !subscriber.verifications("/nobody").isEmpty()
                && server.posthorn().site().hub().pending() == 0);
        assertEquals(0, server.posthorn().site().hub().active());
    }

    @Test
    void aCallbackThatStallsItsAnswerHoldsUpNoVerification() {
        subscriber.stalling("/slow1").stalling("/slow2");
        assertEquals(202, Subscriber.request(hub(), "subscribe", TOPIC, subscriber.callback("/slow1")).statusCode());
        assertEquals(202, Subscriber.request(hub(), "subscribe", TOPIC, subscriber.callback("/slow2")).statusCode());
        long start = System.nanoTime();
        subscribe("/fine", TOPIC);
        assertEquals(1, server.posthorn().site().hub().active(), "only the one that answered");
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(6).toNanos(),
                "verified within the stalled ones' timeout (2 s), not after them");
    }

    @Test
    void anExpiredLeaseIsDropped() {
        subscribe("/cb", TOPIC, "hub.lease_seconds", "600");
        clock.advance(Duration.ofMinutes(11));
        publish();
        Await.until("the new article in its feed", WAIT, () -> Feeds.text(server.get("/feeds/categories/cailianshe.atom"))
                .contains("新文章第1篇"));
        sleep(1500);
        assertEquals(0, subscriber.deliveries("/cb").size(), "no push after the lease ended");
        server.posthorn().site().hub().expire();
        assertEquals(0, server.posthorn().site().hub().active());
    }

    @Test
    void failuresAreRetried410EndsItAndAHangingCallbackDelaysNoOne() {
        subscriber.answering("/flaky", n -> n == 0 ? 500 : 200).answering("/gone", n -> 410)
                .answering("/hangs", n -> -1);
        subscribe("/flaky", TOPIC);
        subscribe("/gone", TOPIC);
        subscribe("/hangs", TOPIC);
        subscribe("/fine", TOPIC);
        assertEquals(4, server.posthorn().site().hub().active());
        long published = System.nanoTime();
        publish();
        Subscriber.Delivery fine = Await.value("the healthy subscriber's push", WAIT, () -> subscriber.deliveries("/fine"),
                l -> !l.isEmpty()).get(0);
        assertTrue(fine.nanos() - published < Duration.ofSeconds(3).toNanos(),
                "not delayed by the hanging one: " + (fine.nanos() - published) / 1_000_000 + " ms");
        Await.until("the flaky one retried and delivered", WAIT, () -> subscriber.deliveries("/flaky").size() == 1);
        assertEquals(2, subscriber.attempts("/flaky"), "one 500, then the retry");
        Await.until("410 ended its subscription", WAIT, () -> server.posthorn().site().hub().active() == 3);
        assertEquals(1, subscriber.attempts("/gone"));
        String metrics = Feeds.text(server.get("/metrics"));
        assertTrue(metrics.contains("posthorn_websub_deliveries_total{result=\"gone\"} 1.0"), metrics);
        assertTrue(metrics.contains("posthorn_websub_deliveries_total{result=\"retried\"}"));
        assertTrue(metrics.contains("posthorn_websub_subscriptions_active 3.0"));
        assertTrue(metrics.contains("posthorn_websub_delivery_latency_seconds"));
    }

    @Test
    void subscriptionsSurviveARestart() throws Exception {
        subscribe("/cb", TOPIC, "hub.secret", "kept");
        server.close();
        server = RunningServer.start(dir.resolve("feeds.yml"), clock);
        assertEquals(1, server.posthorn().site().hub().active(), "read back from the file");
        publish();
        Subscriber.Delivery d = Await.value("a push after the restart", WAIT, () -> subscriber.deliveries("/cb"),
                l -> !l.isEmpty()).get(0);
        assertTrue(Subscriber.sameSignature(Subscriber.signature("kept", d.body()), d.header("X-Hub-Signature")));
        assertEquals(1, subscriber.verifications("/cb").size(), "no new verification needed");
    }

    @Test
    void privateCallbacksAreRefusedByDefaultAndBadRequestsSayWhy() {
        server.close();
        server = RunningServer.start(config("  max_per_topic: 1\n"), clock);
        HttpResponse<String> r = Subscriber.request(hub(), "subscribe", TOPIC, subscriber.callback("/cb"));
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("loopback, private, link-local or multicast"), r.body());
        assertTrue(subscriber.verifications("/cb").isEmpty(), "the hub never called it");
        assertEquals(400, Subscriber.request(hub(), "subscribe", "https://elsewhere.example/feed", "https://example.com/cb")
                .statusCode());
        HttpResponse<String> order = Subscriber.request(hub(), "subscribe",
                BASE + "feeds/all.atom?variant=zh-TW&q=%E5%9B%9E%E8%B4%AD", "https://example.com/cb");
        assertEquals(400, order.statusCode());
        assertTrue(order.body().contains("self link gives it: " + BASE + "feeds/all.atom?q=%E5%9B%9E%E8%B4%AD&variant=zh-TW"),
                order.body());
        assertEquals(400, Subscriber.request(hub(), "subscribe", BASE + "feeds/tags/nothing-here.atom",
                "https://example.com/cb").statusCode());
        assertEquals(400, Subscriber.request(hub(), "subscribe", TOPIC, "ftp://example.com/cb").statusCode());
        assertEquals(400, Subscriber.request(hub(), "subscribe", TOPIC, "https://example.com/cb", "hub.secret", "x".repeat(200))
                .statusCode());
        assertEquals(400, Subscriber.request(hub(), "watch", TOPIC, "https://example.com/cb").statusCode());
        assertEquals(405, server.get("/websub").statusCode());
    }

    @Test
    void everyFeedAdvertisesTheHubAndItself() {
        for (String path : List.of("/feeds/all.atom", "/feeds/all.rss", "/feeds/all.json", "/feeds/all.atom?limit=2&page=2",
                "/feeds/tags/%E5%A4%AE%E8%A1%8C.atom?variant=zh-HK")) {
            HttpResponse<byte[]> r = server.get(path);
            String self = BASE + path.substring(1);
            assertEquals("<" + BASE + "websub>; rel=\"hub\", <" + self + ">; rel=\"self\"",
                    r.headers().firstValue("Link").orElse(""), path);
        }
        Feed atom = Feeds.rome(server.get("/feeds/all.atom"));
        assertTrue(atom.getOtherLinks().stream().anyMatch(l -> "hub".equals(l.getRel()) && (BASE + "websub").equals(l.getHref())));
        String rss = Feeds.text(server.get("/feeds/all.rss"));
        assertTrue(java.util.regex.Pattern.compile("<atom:link [^>]*rel=\"hub\" href=\"" + java.util.regex.Pattern.quote(BASE + "websub")
                + "\"\\s*/>").matcher(rss).find(), rss);
        JsonNode json = Feeds.json(server.get("/feeds/all.json").body());
        assertEquals(BASE + "websub", json.get("hubs").get(0).get("url").asText());
        assertEquals("WebSub", json.get("hubs").get(0).get("type").asText());
        assertFalse(server.get("/embed/all.json").headers().firstValue("Link").isPresent(), "embeds are not topics");
    }

    @Test
    void externalHubsAreAdvertisedAndPingedOnEveryChange() {
        server.close();
        String external = subscriber.callback("/external-hub");
        server = RunningServer.start(config("  hubs: [" + external + "]\n  builtin: true\n  allow_private_callbacks: true\n"),
                clock);
        assertEquals("<" + BASE + "websub>; rel=\"hub\", <" + external + ">; rel=\"hub\", <" + TOPIC + ">; rel=\"self\"",
                server.get("/feeds/categories/cailianshe.atom").headers().firstValue("Link").orElse(""));
        publish();
        Await.until("the pings, 3 formats of the 4 changed feeds", WAIT,
                () -> subscriber.deliveries("/external-hub").size() >= 12);
        List<String> pings = subscriber.deliveries("/external-hub").stream().map(Subscriber.Delivery::text).toList();
        for (String format : List.of("atom", "rss", "json")) {
            String url = java.net.URLEncoder.encode(BASE + "feeds/categories/cailianshe." + format,
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(pings.contains("hub.mode=publish&hub.url=" + url), format + ": " + pings);
        }
        assertTrue(pings.stream().anyMatch(p -> p.contains("feeds%2Fall.atom")), "every changed feed");
        assertEquals("application/x-www-form-urlencoded",
                subscriber.deliveries("/external-hub").get(0).header("Content-Type"));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String self(Feed feed) {
        return feed.getOtherLinks().stream().filter(l -> "self".equals(l.getRel())).map(Link::getHref).findFirst().orElseThrow();
    }

    static List<String> titles(Feed feed) {
        return feed.getEntries().stream().map(Entry::getTitle).toList();
    }
}
