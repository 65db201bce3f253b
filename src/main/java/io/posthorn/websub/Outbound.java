package io.posthorn.websub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The hub's outbound POSTs (content to subscribers, pings to external hubs), bounded in every
 * way: at most {@value #IN_FLIGHT} at once, a whole-request timeout, no redirects followed, the
 * answer's body never read, at most {@value #MAX_PENDING} waiting. Each target has at most one
 * document waiting: a newer one replaces it (a subscriber wants the feed as it is, not every
 * version). A failure is retried with exponential backoff (1 s doubling, at most 15 min apart,
 * jittered) until an hour after the first failure; a 410 ends it for good (the owner is told).
 * One slow or dead target holds one slot until its timeout and delays no other. Thread-safe.
 */
final class Outbound implements AutoCloseable {
    static final int IN_FLIGHT = 64;
    static final int MAX_PENDING = 100_000;
    static final Duration GIVE_UP = Duration.ofHours(1);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Outbound.class);

    /** One document for one target. {@code first} is when it was first handed over (for latency), in nanos. */
    record Post(String id, URI to, byte[] body, String contentType, Map<String, String> headers, long first) {
    }

    /** What became of a post: delivered (2xx), gone (410), given up, or dropped because too many wait. */
    enum Result { DELIVERED, RETRIED, GONE, GAVE_UP, DROPPED }

    private record Waiting(Post post, int attempt, long failedSince) {
    }

    private final HttpClient client;
    private final ExecutorService pool;
    private final Duration timeout;
    private final Callbacks callbacks;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<String> ready = new LinkedBlockingQueue<>();
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final Thread dispatcher;
    private final Consumer<Post> gone;
    private final Listener listener;
    private volatile boolean closed;
    final AtomicLong dropped = new AtomicLong();

    /** Told of every result, with the time from hand-over to the answer for a delivery. */
    interface Listener {
        void result(Post post, Result result, long nanos);
    }

    /**
     * @param gone told when a target answers 410 Gone
     */
    Outbound(Duration timeout, Callbacks callbacks, ScheduledExecutorService scheduler, Consumer<Post> gone,
             Listener listener) {
        this.timeout = timeout;
        this.callbacks = callbacks;
        this.scheduler = scheduler;
        this.gone = gone;
        this.listener = listener;
        this.pool = Executors.newFixedThreadPool(4, r -> daemon(r, "posthorn-websub-http"));
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).executor(pool).build();
        this.dispatcher = daemon(this::dispatch, "posthorn-websub-outbound");
        dispatcher.start();
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Hands over a document for its target; replaces one still waiting for the same target. */
    void send(Post post) {
        if (closed) {
            return;
        }
        if (waiting.size() >= MAX_PENDING && !waiting.containsKey(post.id())) {
            dropped.incrementAndGet();
            listener.result(post, Result.DROPPED, 0);
            return;
        }
        waiting.put(post.id(), new Waiting(post, 0, 0));
        wake(post.id());
    }

    private void wake(String id) {
        if (queued.add(id)) {
            ready.add(id);
        }
    }

    /** Documents waiting (not yet sent, or waiting to be retried). */
    int waiting() {
        return waiting.size();
    }

    private void dispatch() {
        while (!closed) {
            String id;
            try {
                id = ready.take();
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            queued.remove(id);
            if (inFlight.contains(id)) {
                slots.release(); // woken again when the one in flight is answered
                continue;
            }
            Waiting w = waiting.remove(id);
            if (w == null) {
                slots.release();
                continue;
            }
            inFlight.add(id);
            attempt(w).whenComplete((status, failure) -> {
                slots.release();
                done(w, status == null ? -1 : status, failure);
            });
        }
    }

    /** The POST, after the target's address is checked again; its status, or a failure. */
    private CompletableFuture<Integer> attempt(Waiting w) {
        Post p = w.post();
        return CompletableFuture.supplyAsync(() -> callbacks.refusal(p.to()), pool).thenCompose(refusal -> {
            if (refusal != null) {
                return CompletableFuture.failedFuture(new IOException(refusal));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(p.to()).timeout(timeout)
                    .header("Content-Type", p.contentType()).header("User-Agent", "Posthorn WebSub hub")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(p.body()));
            p.headers().forEach(request::header);
            return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()).thenApply(r -> {
                try (InputStream body = r.body()) {
                    // the answer's body is not read: closing it lets the connection go
                } catch (IOException ignored) {
                    // nothing to do: the status is what counts
                }
                return r.statusCode();
            });
        });
    }

    private void done(Waiting w, int status, Throwable failure) {
        Post p = w.post();
        if (!(status >= 200 && status < 300) && status != 410 && !closed) {
            retryOrGiveUp(w, status, failure);
            return;
        }
        inFlight.remove(p.id());
        if (status >= 200 && status < 300) {
            listener.result(p, Result.DELIVERED, System.nanoTime() - p.first());
        } else if (status == 410) {
            LOG.info("websub: {} answered 410 Gone: its subscription ends", p.to());
            listener.result(p, Result.GONE, 0);
            waiting.remove(p.id());
            gone.accept(p);
            return;
        }
        if (waiting.containsKey(p.id())) {
            wake(p.id()); // a newer document arrived while this one was in flight
        }
    }

    private void retryOrGiveUp(Waiting w, int status, Throwable failure) {
        Post p = w.post();
        long since = w.failedSince() == 0 ? System.nanoTime() : w.failedSince();
        String why = failure != null ? reason(failure) : "HTTP " + status;
        if (System.nanoTime() - since >= GIVE_UP.toNanos()) {
            LOG.warn("websub: giving up on {} after {} attempts over an hour: {}", p.to(), w.attempt() + 1, why);
            listener.result(p, Result.GAVE_UP, 0);
            inFlight.remove(p.id());
            if (waiting.containsKey(p.id())) {
                wake(p.id());
            }
            return;
        }
        long delay = backoffMillis(w.attempt());
        LOG.info("websub: {} failed ({}); retry {} in {} ms", p.to(), why, w.attempt() + 1, delay);
        listener.result(p, Result.RETRIED, 0);
        waiting.putIfAbsent(p.id(), new Waiting(p, w.attempt() + 1, since)); // a newer document waiting wins
        inFlight.remove(p.id());
        scheduler.schedule(() -> wake(p.id()), delay, TimeUnit.MILLISECONDS);
    }

    static long backoffMillis(int attempt) {
        long base = Math.min(1000L << Math.min(attempt, 20), Duration.ofMinutes(15).toMillis());
        return base - base / 5 + ThreadLocalRandom.current().nextLong(base * 2 / 5 + 1);
    }

    private static String reason(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }

    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        pool.shutdownNow();
        if (!waiting.isEmpty()) {
            LOG.info("websub: {} deliveries still waiting are dropped at shutdown", waiting.size());
        }
    }
}
