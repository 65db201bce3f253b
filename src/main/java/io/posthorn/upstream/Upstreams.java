package io.posthorn.upstream;

import io.posthorn.config.Config;
import io.posthorn.config.SourceConfig;
import io.posthorn.config.SourceKind;
import io.posthorn.feed.FeedParser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every upstream source of a configuration, polled in the background ({@link #start}) or once
 * ({@link #pollOnce}). Polls run on a small pool, at most {@code fetch.per_host} at a time per host so
 * that many feeds on one host are not fetched in a burst; one upstream is never polled twice at
 * once. What a poll wrote goes to a listener (the index updater), and each report to another
 * (logs, metrics).
 *
 * <p>Thread-safe: the schedule is checked on one thread; each upstream is owned by one poll at a time.
 */
public final class Upstreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Upstreams.class);
    private static final int THREADS = 8;
    private static final long TICK_MS = 250;

    private final List<Upstream> upstreams = new ArrayList<>();
    private final Clock clock;
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
    private final Set<Upstream> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool;
    private ScheduledExecutorService ticker;
    private volatile Consumer<Set<Path>> written = paths -> { };
    private volatile Consumer<PollReport> reports = r -> { };

    private final int perHost;
    private final java.time.Duration drainTimeout;
    private final HttpFetcher fetcher;

    /** @param clock decides when polls are due and what "now" is for entries without dates */
    public Upstreams(Config config, Clock clock) {
        this.clock = clock;
        this.perHost = config.fetch().perHost();
        this.drainTimeout = config.fetch().timeout().plusSeconds(5);
        this.fetcher = new HttpFetcher("Posthorn/0.1 (+" + config.site().baseUrl() + ")",
                config.fetch().connectTimeout(), config.fetch().timeout(), config.fetch().maxBytes());
        FeedParser parser = new FeedParser(config.site().timezone());
        PollPolicy policy = new PollPolicy(RandomGenerator.getDefault());
        Map<String, String> claims = new ConcurrentHashMap<>();
        Path base = config.file().toAbsolutePath().getParent();
        List<SourceConfig> sources = config.sources();
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).kind() instanceof SourceKind.Upstream u) {
                Path folder = sources.get(i).path();
                String scope = base.relativize(folder).toString().replace('\\', '/');
                upstreams.add(new Upstream(i, u, folder, scope, fetcher, parser, policy, clock,
                        config.site().timezone(), claims));
            }
        }
        this.pool = Executors.newFixedThreadPool(Math.max(1, Math.min(THREADS, upstreams.size())), r -> {
            Thread t = new Thread(r, "posthorn-upstream");
            t.setDaemon(true);
            return t;
        });
    }

    public Upstreams(Config config) {
        this(config, Clock.systemUTC());
    }

    public boolean isEmpty() {
        return upstreams.isEmpty();
    }

    /** Where the paths each poll wrote or deleted go (the index updater). */
    public void onWritten(Consumer<Set<Path>> listener) {
        this.written = listener;
    }

    /** Where every poll's report goes, besides the log. */
    public void onReport(Consumer<PollReport> listener) {
        this.reports = listener;
    }

    /** Polls in the background: every upstream when it is due. */
    public synchronized void start() {
        if (ticker != null || upstreams.isEmpty()) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "posthorn-upstream-schedule");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** Starts the polls that are due now and free to run (host limits). */
    void tick() {
        Instant now = clock.instant();
        for (Upstream u : upstreams) {
            if (!running.contains(u) && u.due(now)) {
                Semaphore host = host(u);
                if (host.tryAcquire()) {
                    running.add(u);
                    pool.execute(() -> {
                        try {
                            run(u);
                        } finally {
                            running.remove(u);
                            host.release();
                        }
                    });
                }
            }
        }
    }

    private Semaphore host(Upstream u) {
        String host = u.target().getHost();
        return hosts.computeIfAbsent(host == null ? "" : host.toLowerCase(Locale.ROOT), h -> new Semaphore(perHost));
    }

    private PollReport run(Upstream u) {
        PollReport report;
        try {
            report = u.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            // a fault of ours on one odd document must not stop the others: say so, try again after a backoff
            LOG.error("upstream {}: poll failed unexpectedly (please report it)", u.name(), e);
            u.failedUnexpectedly(e);
            return null;
        }
        if (report.failed()) {
            LOG.warn(report.line(clock.instant()));
        } else {
            LOG.info(report.line(clock.instant()));
        }
        if (!report.changed().isEmpty()) {
            written.accept(report.changed());
        }
        reports.accept(report);
        return report;
    }

    /**
     * Polls every upstream once (but one inside its Retry-After or stopped by a 410), at most
     * {@code fetch.per_host} at a time per host, and waits for all.
     *
     * @return one report per upstream polled, in configuration order
     */
    public List<PollReport> pollOnce() throws InterruptedException {
        Instant now = clock.instant();
        List<Future<PollReport>> futures = new ArrayList<>();
        for (Upstream u : upstreams) {
            if (!u.pollable(now)) {
                LOG.info("upstream {}: not polled ({})", u.name(), u.state.gone ? "stopped by 410 Gone"
                        : "inside its Retry-After, until " + Instant.ofEpochMilli(u.state.retryAfterUntil));
                continue;
            }
            Semaphore host = host(u);
            futures.add(pool.submit(() -> {
                host.acquire();
                try {
                    return run(u);
                } finally {
                    host.release();
                }
            }));
        }
        List<PollReport> reports = new ArrayList<>();
        for (Future<PollReport> f : futures) {
            try {
                PollReport r = f.get();
                if (r != null) {
                    reports.add(r);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.error("upstream poll failed", e.getCause());
            }
        }
        return reports;
    }

    /** What every upstream is doing, in configuration order. */
    public List<UpstreamStatus> status() {
        List<UpstreamStatus> out = new ArrayList<>();
        for (Upstream u : upstreams) {
            UpstreamState s = u.state;
            out.add(new UpstreamStatus(u.index, u.name(), u.config.url().toString(), s.movedUrl,
                    s.lastPoll == 0 ? null : Instant.ofEpochMilli(s.lastPoll), s.lastStatus, s.lastNew, s.lastUpdated,
                    s.lastUnchanged, u.total(), s.gone || s.nextPoll == Long.MAX_VALUE ? null
                            : Instant.ofEpochMilli(Math.max(s.nextPoll, s.retryAfterUntil)),
                    s.lastError, s.gone, s.failures));
        }
        return out;
    }

    /**
     * Stops background polling and waits for the polls in flight (at most the fetch timeout and a
     * few seconds), so that another site can take over the same folders; {@link #start} may
     * start polling again.
     */
    public synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(5, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + drainTimeout.toNanos();
                while (!running.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ticker = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
        pool.shutdown(); // no interrupt: a poll writing files finishes its writes
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                fetcher.abortAll(); // a blocked read is not interrupted: its connection is closed
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
            fetcher.abortAll();
        }
    }
}
