package io.posthorn.server;

import io.posthorn.config.Config;
import io.posthorn.config.ConfigException;
import io.posthorn.config.ConfigLoader;
import io.posthorn.config.HttpConfig;
import io.posthorn.http.Routes;
import io.posthorn.index.IndexSnapshot;
import io.posthorn.index.LiveIndex;
import io.posthorn.metrics.Metrics;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * One running Posthorn: the current {@link Site} (swapped whole when {@code feeds.yml} changes)
 * and the Undertow server. Start-up indexes front matter eagerly; bodies are cleaned and feeds
 * rendered only when first asked for. {@link #start} may run while {@link #index} does (the
 * command line does both at once): until the index is in, every request is answered 503 with
 * {@code Retry-After}, never from an empty index. Thread-safe.
 */
public final class Posthorn implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Posthorn.class);

    private final Clock clock;
    private final Metrics metrics = new Metrics();
    private volatile Site site;
    private volatile String configProblem;
    /** Whether the first index is in: before, requests get 503 rather than an empty index's answers. */
    private volatile boolean indexed;
    private Undertow undertow;
    /** Keeps a static export in step ({@code serve --export}), or null. */
    private volatile ExportFollower exporter;
    private GracefulShutdownHandler shutdown;
    /** Configuration reloads, one at a time, off every updater thread. */
    private final java.util.concurrent.ExecutorService reloads = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "posthorn-reload");
        t.setDaemon(true);
        return t;
    });

    public Posthorn(Config config) {
        this(config, Clock.systemUTC());
    }

    public Posthorn(Config config, Clock clock) {
        this.clock = clock;
        this.site = new Site(config, clock, this::configProblem, metrics);
        metrics.gauge("posthorn.articles.indexed", "Articles in the current index snapshot", () -> site.snapshot().size());
        metrics.gauge("posthorn.websub.subscriptions.active", "WebSub subscriptions verified and leased",
                () -> hubValue(io.posthorn.websub.Hub::active));
        metrics.gauge("posthorn.websub.subscriptions.pending", "WebSub subscriptions being verified",
                () -> hubValue(io.posthorn.websub.Hub::pending));
        metrics.gauge("posthorn.events.streams", "Live headline event streams open", () -> site.routes().eventStreams());
        metrics.gauge("posthorn.websub.deliveries.waiting", "WebSub deliveries waiting to be sent or retried",
                () -> hubValue(io.posthorn.websub.Hub::waiting));
        metrics.counter("posthorn.articles.skipped", "Broken article files skipped (at start-up and in updates)",
                () -> site.skipped());
        metrics.counter("posthorn.cache.requests", "Feed cache lookups", () -> site.feedCache().counts().hits(),
                "result", "hit");
        metrics.counter("posthorn.cache.requests", "Feed cache lookups", () -> site.feedCache().counts().misses(),
                "result", "miss");
        metrics.counter("posthorn.cache.evictions", "Feed cache evictions (by size)",
                () -> site.feedCache().counts().evictions());
        metrics.gauge("posthorn.cache.documents", "Rendered documents held", () -> site.feedCache().counts().size());
        metrics.counter("posthorn.content.requests", "Cleaned-content cache lookups (a miss re-reads and cleans a body)",
                () -> site.contentCache().counts().hits(), "result", "hit");
        metrics.counter("posthorn.content.requests", "Cleaned-content cache lookups (a miss re-reads and cleans a body)",
                () -> site.contentCache().counts().misses(), "result", "miss");
        metrics.counter("posthorn.content.evictions", "Cleaned-content cache evictions (by size)",
                () -> site.contentCache().counts().evictions());
    }

    /** Indexes every source folder; call once, before or while {@link #start} runs (requests get 503 until it is done). */
    public LiveIndex.Load index() {
        Site current = site;
        Thread warmUp = new Thread(current::warmUp, "posthorn-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        LiveIndex.Load load = current.load();
        if (site.loadedFromStore()) {
            LOG.info("loaded {} articles from the index store {} in {} ms; checking the folders for changes",
                    load.snapshot().size(), site.config().cache().indexFile(), load.millis());
        } else {
            log(load);
        }
        indexed = true;
        return load;
    }

    /** Follows changes to the folders and to the configuration file from now on. */
    public void follow() {
        site.follow(this::requestReload);
    }

    /**
     * Keeps {@code dir} a static export of this server ({@code serve --export}): a whole pass now
     * (rewriting what changed since the folder was last exported), then the documents each
     * update touches. Call once, after {@link #start}.
     *
     * @param base where this server answers, e.g. {@code http://127.0.0.1:8080}
     */
    public synchronized void exportTo(java.nio.file.Path dir, java.net.URI base) throws java.io.IOException {
        if (exporter != null) {
            throw new IllegalStateException("already exporting");
        }
        ExportFollower f = new ExportFollower(new Export(dir, base), () -> site);
        site.onUpdate(f::changed);
        exporter = f;
        f.everything();
    }

    /**
     * Runs a reload on the reload thread, never on the updater thread that saw the change: the
     * reload stops that updater (waiting for its pending index-store write), which a thread
     * cannot do to itself.
     */
    private void requestReload() {
        try {
            reloads.execute(this::reloadConfig);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: no reload any more
        }
    }

    /** Starts serving; {@code port} 0 takes a free port. Returns the bound address. */
    public synchronized InetSocketAddress start(String host, int port) {
        shutdown = new GracefulShutdownHandler(exchange -> {
            if (indexed) {
                site.routes().handleRequest(exchange);
            } else {
                Routes.starting(exchange);
            }
        });
        // limits are read once: a reload of feeds.yml does not restart the listener
        HttpConfig limits = site.config().http();
        undertow = Undertow.builder()
                .addHttpListener(port, host)
                .setHandler(shutdown)
                // paths are split, then decoded per segment by the routes; raw \ or UTF-8 reach them as names
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes())
                .setServerOption(UndertowOptions.MAX_HEADERS, 100)
                .setServerOption(UndertowOptions.MAX_PARAMETERS, 100)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 64L * 1024)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, limits.requestTimeoutMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, limits.idleTimeoutMillis())
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, limits.idleTimeoutMillis())
                .setServerOption(UndertowOptions.ALWAYS_SET_DATE, true)
                .setSocketOption(Options.READ_TIMEOUT, limits.idleTimeoutMillis())
                .setSocketOption(Options.WRITE_TIMEOUT, limits.idleTimeoutMillis())
                .setSocketOption(Options.CONNECTION_HIGH_WATER, limits.maxConnections())
                .setSocketOption(Options.CONNECTION_LOW_WATER, Math.max(1, limits.maxConnections() * 9 / 10))
                .build();
        undertow.start();
        return (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    }

    public IndexSnapshot snapshot() {
        return site.snapshot();
    }

    /** Why the last configuration reload failed, or null when it did not. */
    public String configProblem() {
        return configProblem;
    }

    /** Reloads {@code feeds.yml}: a valid one replaces the site whole; an invalid one is reported and ignored. */
    synchronized void reloadConfig() {
        Site old = site;
        Config config;
        try {
            config = ConfigLoader.load(old.config().file());
        } catch (ConfigException e) {
            configProblem = e.getMessage();
            LOG.error("configuration not reloaded, the last good one keeps serving: {}", e.getMessage());
            return;
        }
        configProblem = null;
        if (config.equals(old.config())) {
            return;
        }
        // the old site stops following first: its watchers close and its pending index-store
        // write is done, so the new site starts from a current store, and what changes while it
        // loads is its catch-up rescan's; the old snapshot keeps serving until the swap
        old.stopFollowing();
        Site next;
        try {
            next = new Site(config, clock, this::configProblem, metrics);
            log(next.load());
        } catch (RuntimeException e) {
            LOG.error("configuration not reloaded (the new site could not start), the last good one keeps serving", e);
            configProblem = "the new configuration could not start: " + e;
            // the old site follows again from this version of feeds.yml: only a further edit reloads
            old.configSeen(Updater.modified(config.file()));
            old.follow(this::requestReload);
            return;
        }
        ExportFollower f = exporter;
        if (f != null) {
            next.onUpdate(f::changed);
        }
        next.follow(this::requestReload);
        site = next;
        old.close();
        if (f != null) {
            f.everything(); // another configuration can change every document
        }
        LOG.info("configuration reloaded from {}", config.file());
    }

    private static void log(LiveIndex.Load load) {
        for (var skip : load.skipped()) {
            if (skip.ignored()) {
                LOG.info("skipped {}", skip);
            } else {
                LOG.warn("skipped {}", skip);
            }
        }
        load.warnings().forEach(w -> LOG.warn("warning {}", w));
        LOG.info("indexed {} articles in {} ms: {} skipped as broken, {} ignored, {} warnings, {} unattributed",
                load.snapshot().size(), load.millis(), load.broken(), load.skipped().size() - load.broken(),
                load.warnings().size(), load.unattributed());
    }

    /** The pollers of a configuration's upstream feeds, for the {@code fetch} command (folders made if missing). */
    public static io.posthorn.upstream.Upstreams upstreams(Config config) {
        return Feeders.upstreams(config, Clock.systemUTC());
    }

    /** Stops following changes and accepting requests, lets requests in flight finish (up to 5 s), then stops. */
    @Override
    public synchronized void close() {
        reloads.shutdownNow();
        ExportFollower f = exporter;
        if (f != null) {
            f.close(); // first: its pass asks this server for documents
        }
        site.close();
        metrics.close();
        if (undertow == null) {
            return;
        }
        shutdown.shutdown();
        try {
            shutdown.awaitShutdown(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
        undertow = null;
    }

    /** A figure of the current site's hub, 0 while there is none (read once: a reload may swap it). */
    private int hubValue(java.util.function.ToIntFunction<io.posthorn.websub.Hub> value) {
        io.posthorn.websub.Hub h = site.hub();
        return h == null ? 0 : value.applyAsInt(h);
    }

    /** The current site (tests reach its hub through it). */
    Site site() {
        return site;
    }
}
