package io.posthorn.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The push load of issue 15 against a running server: STREAMS live-headline event streams of
 * {@code /embed/all.events} held open, SUBSCRIBERS WebSub subscribers of {@code /feeds/all.atom}
 * (callbacks on a local receiver in this process), the server's cached answer time for
 * {@code /feeds/all.atom} measured while both are held (the polling baseline), then one new
 * article file written into the corpus and the time until each stream has its event and each
 * subscriber its delivery. Prints one line of figures per part.
 *
 * <pre>
 * java -cp target/test-classes io.posthorn.bench.PushLoad BASE ARTICLES_DIR STREAMS SUBSCRIBERS
 * </pre>
 * BASE is the server (http://127.0.0.1:PORT), ARTICLES_DIR a folder of one of its sources. Used by
 * {@code bench/push.sh}, which starts the server with the settings this needs
 * ({@code websub.allow_private_callbacks}, per-host and per-topic limits above SUBSCRIBERS).
 */
public final class PushLoad {
    private PushLoad() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
        Path articles = Path.of(args[1]);
        int streams = Integer.parseInt(args[2]);
        int subscribers = Integer.parseInt(args[3]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(30)).build();

        String key = "push-" + System.currentTimeMillis();
        String title = "推送基准 " + key;
        AtomicLongArray streamSeen = new AtomicLongArray(streams);
        CountDownLatch connected = new CountDownLatch(streams);
        CountDownLatch streamsDone = new CountDownLatch(streams);
        long openStart = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            int n = i;
            HttpRequest r = HttpRequest.newBuilder(base.resolve("embed/all.events")).header("Accept", "text/event-stream").build();
            client.sendAsync(r, HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    connected.countDown();
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(String line) {
                    if (line.startsWith("data:") && line.contains(key) && streamSeen.compareAndSet(n, 0, System.nanoTime())) {
                        streamsDone.countDown();
                    }
                }

                @Override
                public void onError(Throwable t) {
                    connected.countDown();
                }

                @Override
                public void onComplete() {
                }
            })).exceptionally(t -> {
                connected.countDown();
                return null;
            });
        }
        boolean allOpen = connected.await(120, TimeUnit.SECONDS);
        System.out.printf("streams: %d opened in %d ms%s%n", streams, (System.nanoTime() - openStart) / 1_000_000,
                allOpen ? "" : " (not all within 120 s)");

        long[] delivered = new long[subscribers];
        CountDownLatch verified = new CountDownLatch(subscribers);
        CountDownLatch deliveredAll = new CountDownLatch(subscribers);
        ConcurrentHashMap<Integer, Boolean> confirmed = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/cb/", exchange -> {
            int n = Integer.parseInt(exchange.getRequestURI().getPath().substring(4));
            if (exchange.getRequestMethod().equals("GET")) {
                String challenge = "";
                for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                    if (pair.startsWith("hub.challenge=")) {
                        challenge = URLDecoder.decode(pair.substring(14), StandardCharsets.UTF_8);
                    }
                }
                byte[] echo = challenge.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, echo.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(echo);
                }
                if (confirmed.putIfAbsent(n, true) == null) {
                    verified.countDown();
                }
            } else {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (new String(body, StandardCharsets.UTF_8).contains(key)) {
                    synchronized (delivered) {
                        if (delivered[n] == 0) {
                            delivered[n] = System.nanoTime();
                            deliveredAll.countDown();
                        }
                    }
                }
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();
        // the topic as the feed names itself (its self link comes from base_url, not from this address)
        String link = client.send(HttpRequest.newBuilder(base.resolve("feeds/all.atom")).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Link").orElseThrow();
        java.util.regex.Matcher self = java.util.regex.Pattern.compile("<([^>]+)>; rel=\"self\"").matcher(link);
        if (!self.find()) {
            throw new IllegalStateException("no self link in " + link);
        }
        String topic = self.group(1);
        long subStart = System.nanoTime();
        AtomicInteger refused = new AtomicInteger();
        for (int i = 0; i < subscribers; i++) {
            String form = "hub.mode=subscribe&hub.topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8) + "&hub.callback="
                    + URLEncoder.encode("http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb/" + i, StandardCharsets.UTF_8);
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("websub"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                refused.incrementAndGet();
                if (refused.get() == 1) {
                    System.out.println("subscription refused: " + r.statusCode() + " " + r.body());
                }
            }
        }
        boolean allVerified = refused.get() == subscribers || verified.await(120, TimeUnit.SECONDS);
        Thread.sleep(1000); // the last verifications become active after their answer
        System.out.printf("websub: %d subscribed and verified in %d ms (%d refused)%s%n", subscribers,
                (System.nanoTime() - subStart) / 1_000_000, refused.get(), allVerified ? "" : " (not all within 120 s)");

        // the polling baseline, measured while the streams and subscriptions are held
        HttpRequest poll = HttpRequest.newBuilder(base.resolve("feeds/all.atom")).build();
        client.send(poll, HttpResponse.BodyHandlers.discarding());
        long[] polls = new long[200];
        for (int i = 0; i < polls.length; i++) {
            long t = System.nanoTime();
            HttpResponse<Void> r = client.send(poll, HttpResponse.BodyHandlers.discarding());
            polls[i] = System.nanoTime() - t;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET /feeds/all.atom: " + r.statusCode());
            }
        }
        Arrays.sort(polls);
        System.out.printf("polling baseline: GET /feeds/all.atom (cached) median %.2f ms, p99 %.2f ms (200 requests)%n",
                polls[100] / 1e6, polls[197] / 1e6);

        Path file = articles.resolve(key + ".md");
        long t0 = System.nanoTime();
        Files.writeString(file.resolveSibling("." + key + ".tmp"), "---\ntitle: \"" + title + "\"\ndate: "
                + java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).format(
                        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx")) + "\n"
                + "categories: bench\ntags: [推送]\n---\n<p>" + title + "。</p>\n", StandardCharsets.UTF_8);
        Files.move(file.resolveSibling("." + key + ".tmp"), file);
        streamsDone.await(30, TimeUnit.SECONDS);
        deliveredAll.await(30, TimeUnit.SECONDS);
        List<Long> s = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            if (streamSeen.get(i) != 0) {
                s.add(streamSeen.get(i) - t0);
            }
        }
        s.sort(null);
        System.out.printf("streams: %d of %d got the new headline; p50 %s, p95 %s, max %s; within 2 s: %.1f%%, within 5 s: %.1f%%%n",
                s.size(), streams, ms(s, 0.5), ms(s, 0.95), ms(s, 1.0), 100.0 * count(s, 2000) / streams,
                100.0 * count(s, 5000) / streams);
        List<Long> d = new ArrayList<>();
        for (long at : delivered) {
            if (at != 0) {
                d.add(at - t0);
            }
        }
        d.sort(null);
        System.out.printf("websub: %d of %d subscribers got the new document; p50 %s, p95 %s, max %s; within 5 s: %.1f%%%n",
                d.size(), subscribers, ms(d, 0.5), ms(d, 0.95), ms(d, 1.0), 100.0 * count(d, 5000) / Math.max(1, subscribers));
        Files.deleteIfExists(file);
        receiver.stop(0);
        System.exit(0);
    }

    private static String ms(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1);
        return (sorted.get(Math.max(0, i)) / 1_000_000) + " ms";
    }

    private static long count(List<Long> sorted, long millis) {
        return sorted.stream().filter(v -> v <= millis * 1_000_000).count();
    }
}
