package io.posthorn.websub;

import io.posthorn.config.WebSubConfig;
import io.posthorn.index.FeedKey;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The built-in WebSub hub (W3C Recommendation, 2018) and the pinger of external hubs.
 *
 * <p>A subscription request is checked at once (mode, topic, callback, lease, secret, limits)
 * and answered 202; intent is then verified ({@link Intent}: a GET to the callback carrying a random
 * challenge), and the subscription is active only when the callback echoes it with a 2xx. A
 * renewal replaces the lease; an unsubscription, verified the same way, ends it; expired leases
 * are dropped. Subscriptions are kept on disk ({@link SubscriptionStore}).
 *
 * <p>{@link #changed} is called by the update path with the feeds it touched and returns at once:
 * on the hub's own thread, each subscribed topic of those feeds is rendered once and handed to
 * {@link Outbound} for every subscriber, signed ({@code X-Hub-Signature: sha256=}) when the
 * subscriber gave a secret, and each external hub is pinged ({@code hub.mode=publish}) for each
 * changed feed. Thread-safe.
 */
public final class Hub implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Hub.class);
    public static final int MAX_SECRET_BYTES = 200;
    static final Duration MIN_LEASE = Duration.ofMinutes(1);

    public enum Mode { SUBSCRIBE, UNSUBSCRIBE }

    /** What the hub tells metrics. */
    public interface Events {
        /** A verification of intent: {@code verified} or {@code failed}. */
        void verification(String result);

        /** A delivery or ping: {@code delivered} (with its latency in nanos), {@code pinged}, {@code retried}, {@code gone}, {@code gave_up}, {@code dropped}. */
        void delivery(String result, long nanos);
    }

    /** A topic's document as served: what a subscriber receives. */
    public record Content(byte[] body, String contentType, String link) {
    }

    /** The answer to a hub request: 202, or a 4xx with a one-line reason. */
    public record Answer(int status, String reason) {
        static Answer accepted() {
            return new Answer(202, "Accepted: the callback will be asked to confirm");
        }
    }

    private final WebSubConfig config;
    private final Clock clock;
    private final Function<String, Optional<FeedKey>> feedOf;
    private final Function<String, Optional<Content>> documents;
    private final Function<FeedKey, List<String>> topicsOf;
    private final Callbacks callbacks;
    private final SubscriptionStore store;
    private final Map<String, Subscription> active = new ConcurrentHashMap<>();
    private final Map<String, Subscription> pending = new ConcurrentHashMap<>();
    /** Subscriptions this hub keeps at most, and requests it verifies at once at most. */
    static final int MAX_SUBSCRIPTIONS = 100_000;
    static final int MAX_PENDING = 1_000;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService verifier;
    private final Intent intent;
    private final Outbound outbound;
    private final AtomicBoolean saveScheduled = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean loaded; // the file was read: only then may it be written
    private final Events events;

    /**
     * @param feedOf    the feed of a topic URL, or empty when it is not one of this site's feed URLs
     * @param documents the current document of a topic
     * @param topicsOf  the URLs external hubs are pinged with for a changed feed (each format's first page)
     * @param events    told of every verification and delivery, for metrics
     */
    public Hub(WebSubConfig config, Clock clock, Function<String, Optional<FeedKey>> feedOf,
               Function<String, Optional<Content>> documents, Function<FeedKey, List<String>> topicsOf,
               Events events) {
        this.config = config;
        this.clock = clock;
        this.feedOf = feedOf;
        this.documents = documents;
        this.topicsOf = topicsOf;
        this.events = events;
        this.callbacks = new Callbacks(config.allowPrivateCallbacks());
        this.store = new SubscriptionStore(config.file());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> Outbound.daemon(r, "posthorn-websub"));
        this.verifier = Executors.newFixedThreadPool(2, r -> Outbound.daemon(r, "posthorn-websub-verify"));
        this.intent = new Intent(config.verifyTimeout());
        this.outbound = new Outbound(config.deliverTimeout(), callbacks, scheduler, this::gone, this::result);
    }

    /** Reads the subscriptions kept on disk and starts expiring leases. */
    public void start() {
        int kept = 0;
        int dropped = 0;
        Instant now = clock.instant();
        for (Subscription s : config.builtin() ? store.load() : List.<Subscription>of()) {
            if (s.expires().isAfter(now) && feedOf.apply(s.topic()).isPresent()) {
                active.put(s.id(), s);
                kept++;
            } else {
                dropped++;
            }
        }
        if (kept + dropped > 0) {
            LOG.info("websub: {} subscriptions from {} ({} expired or no longer a feed)", kept, store.file(), dropped);
        }
        if (dropped > 0) {
            scheduleSave();
        }
        scheduler.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.MINUTES);
        loaded = config.builtin(); // without the built-in hub the file is neither read nor written
        started = true;
    }

    /** Active subscriptions (verified, lease running). */
    public int active() {
        return active.size();
    }

    /** Subscriptions being verified. */
    public int pending() {
        return pending.size();
    }

    /** Deliveries waiting to be sent or retried. */
    public int waiting() {
        return outbound.waiting();
    }


    /**
     * A subscription request, already parsed. Blocking (the callback's name is resolved): call off
     * the I/O threads.
     *
     * @param feedProblem why the topic is not one of this site's feed URLs, or empty when it is
     * @param leaseText   {@code hub.lease_seconds} as sent, or null
     * @param secret      {@code hub.secret}, or null
     */
    public Answer request(Mode mode, String topic, Optional<String> feedProblem, String callbackText,
                          String leaseText, String secret) {
        if (!started) {
            return new Answer(503, "The hub is starting; try again in a moment");
        }
        if (feedProblem.isPresent()) {
            return new Answer(400, feedProblem.get());
        }
        Callbacks.Checked callback = callbacks.check(callbackText);
        if (callback.refusal() != null) {
            return new Answer(callback.forbidden() ? 403 : 400, callback.refusal());
        }
        Duration lease = config.defaultLease();
        if (leaseText != null && !leaseText.isEmpty()) {
            if (!leaseText.matches("[0-9]{1,10}")) {
                return new Answer(400, "hub.lease_seconds must be a whole number of seconds");
            }
            lease = Duration.ofSeconds(Long.parseLong(leaseText));
        }
        lease = lease.compareTo(MIN_LEASE) < 0 ? MIN_LEASE
                : lease.compareTo(WebSubConfig.MAX_LEASE) > 0 ? WebSubConfig.MAX_LEASE : lease;
        if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length >= MAX_SECRET_BYTES) {
            return new Answer(400, "hub.secret must be less than " + MAX_SECRET_BYTES + " bytes");
        }
        if (secret != null && secret.isEmpty()) {
            secret = null;
        }
        Callbacks.Checked resolved = callbacks.resolve(callback.uri());
        if (resolved.refusal() != null) {
            return new Answer(resolved.forbidden() ? 403 : 400, resolved.refusal());
        }
        URI uri = callback.uri();
        String id = topic + " " + uri;
        Subscription wanted = new Subscription(topic, uri, secret, clock.instant().plus(lease));
        if (pending.size() >= MAX_PENDING) {
            return new Answer(503, "too many subscriptions are being verified; try again in a minute");
        }
        if (mode == Mode.SUBSCRIBE) {
            String full = full(wanted);
            if (full != null) {
                return new Answer(403, full);
            }
        }
        if (pending.putIfAbsent(id, wanted) != null) {
            return new Answer(409, "a request for this topic and callback is being verified");
        }
        long leaseSeconds = lease.getSeconds();
        verifier.execute(() -> verify(mode, wanted, leaseSeconds));
        return Answer.accepted();
    }

    /**
     * Why a new subscription would exceed a limit (per topic, per callback host, in all), counting
     * those being verified, or null. A renewal never does.
     */
    private String full(Subscription wanted) {
        if (active.containsKey(wanted.id())) {
            return null;
        }
        java.util.function.Predicate<Subscription> sameTopic = s -> s.topic().equals(wanted.topic());
        java.util.function.Predicate<Subscription> sameHost = s -> s.callback().getHost().equalsIgnoreCase(wanted.callback().getHost());
        long perTopic = active.values().stream().filter(sameTopic).count()
                + pending.values().stream().filter(s -> !s.id().equals(wanted.id())).filter(sameTopic).count();
        long perHost = active.values().stream().filter(sameHost).count()
                + pending.values().stream().filter(s -> !s.id().equals(wanted.id())).filter(sameHost).count();
        if (perTopic >= config.maxPerTopic()) {
            return "this topic has " + config.maxPerTopic() + " subscriptions, the most this hub keeps";
        }
        if (perHost >= config.maxPerHost()) {
            return "callbacks on " + wanted.callback().getHost() + " have " + config.maxPerHost()
                    + " subscriptions, the most this hub keeps per host";
        }
        if (active.size() + pending.size() >= MAX_SUBSCRIPTIONS) {
            return "this hub keeps at most " + MAX_SUBSCRIPTIONS + " subscriptions";
        }
        return null;
    }

    /** Verification of intent (WebSub 5.3): the subscription changes only if the callback echoes the challenge. */
    private void verify(Mode mode, Subscription wanted, long leaseSeconds) {
        try {
            String refusal = callbacks.refusal(wanted.callback());
            boolean confirmed = refusal == null && intent.confirmed(mode, wanted, leaseSeconds);
            if (!confirmed) {
                events.verification("failed");
                LOG.info("websub: {} of {} for {} not confirmed{}", Intent.mode(mode), wanted.topic(),
                        wanted.callback(), refusal == null ? "" : ": " + refusal);
                return;
            }
            events.verification("verified");
            if (mode == Mode.SUBSCRIBE) {
                String full = full(wanted);
                if (full != null) { // others were confirmed meanwhile
                    LOG.info("websub: {} confirmed {}, but {}", wanted.callback(), wanted.topic(), full);
                    return;
                }
                active.put(wanted.id(), wanted);
                LOG.info("websub: {} subscribed to {} until {}", wanted.callback(), wanted.topic(), wanted.expires());
            } else {
                active.remove(wanted.id());
                LOG.info("websub: {} unsubscribed from {}", wanted.callback(), wanted.topic());
            }
            scheduleSave();
        } catch (RuntimeException e) {
            events.verification("failed");
            LOG.warn("websub: verification of {} failed unexpectedly", wanted.callback(), e);
        } finally {
            pending.remove(wanted.id());
        }
    }

    /**
     * The update path changed these feeds: push their subscribed topics and ping the external
     * hubs, on the hub's thread. Returns at once.
     */
    public void changed(Set<FeedKey> feeds) {
        if (!started || feeds.isEmpty()) {
            return;
        }
        long at = System.nanoTime();
        try {
            scheduler.execute(() -> distribute(feeds, at));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: the next hub pushes from the next update on
        }
    }

    private void distribute(Set<FeedKey> feeds, long at) {
        Instant now = clock.instant();
        Map<String, Optional<FeedKey>> keys = new java.util.HashMap<>(); // each topic parsed once per change
        Map<String, List<Subscription>> byTopic = new LinkedHashMap<>();
        for (Subscription s : active.values()) {
            if (!s.expires().isAfter(now)) {
                continue;
            }
            Optional<FeedKey> key = keys.computeIfAbsent(s.topic(), feedOf);
            if (key.isPresent() && feeds.contains(key.get())) {
                byTopic.computeIfAbsent(s.topic(), t -> new ArrayList<>()).add(s);
            }
        }
        for (Map.Entry<String, List<Subscription>> e : byTopic.entrySet()) {
            Optional<Content> content;
            try {
                content = documents.apply(e.getKey());
            } catch (RuntimeException ex) {
                LOG.warn("websub: cannot render {} for its subscribers", e.getKey(), ex);
                continue;
            }
            if (content.isEmpty()) {
                continue; // the feed is gone (its last article deleted): nothing to send
            }
            for (Subscription s : e.getValue()) {
                Map<String, String> headers = new LinkedHashMap<>();
                if (content.get().link() != null) {
                    headers.put("Link", content.get().link());
                }
                if (s.secret() != null) {
                    headers.put("X-Hub-Signature", "sha256=" + hmac(s.secret(), content.get().body()));
                }
                outbound.send(new Outbound.Post(s.id(), s.callback(), content.get().body(), content.get().contentType(),
                        headers, at));
            }
        }
        for (URI hub : config.hubs()) {
            for (FeedKey key : feeds) {
                for (String url : topicsOf.apply(key)) {
                    byte[] form = ("hub.mode=publish&hub.url=" + URLEncoder.encode(url, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                    outbound.send(new Outbound.Post("ping " + hub + " " + url, hub, form,
                            "application/x-www-form-urlencoded", Map.of(), at));
                }
            }
        }
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private void result(Outbound.Post post, Outbound.Result result, long nanos) {
        boolean ping = post.id().startsWith("ping ");
        events.delivery(result == Outbound.Result.DELIVERED && ping ? "pinged"
                : result.name().toLowerCase(java.util.Locale.ROOT), nanos);
    }

    /** A callback answered 410: its subscription ends (an external hub's 410 only ends that ping). */
    private void gone(Outbound.Post post) {
        if (active.remove(post.id()) != null) {
            scheduleSave();
        }
    }

    /** Drops expired leases (every minute, and on demand). */
    public void expire() {
        Instant now = clock.instant();
        if (active.values().removeIf(s -> !s.expires().isAfter(now))) {
            scheduleSave();
        }
    }

    private void scheduleSave() {
        if (saveScheduled.compareAndSet(false, true)) {
            scheduler.schedule(this::save, 200, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void save() {
        saveScheduled.set(false);
        if (!loaded) {
            return;
        }
        try {
            store.save(new ArrayList<>(active.values()));
        } catch (IOException e) {
            LOG.warn("websub: cannot write {}: {}", store.file(), e.getMessage());
        }
    }

    /** Stops pushing; the subscriptions are written first. */
    @Override
    public void close() {
        started = false;
        scheduler.shutdownNow();
        verifier.shutdownNow();
        outbound.close();
        save();
    }
}
