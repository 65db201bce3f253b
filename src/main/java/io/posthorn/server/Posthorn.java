package io.posthorn.server;

import io.posthorn.cache.ContentCache;
import io.posthorn.cache.FeedCache;
import io.posthorn.clean.ContentCleaner;
import io.posthorn.config.Config;
import io.posthorn.embed.EmbedRenderer;
import io.posthorn.feed.FeedAssembler;
import io.posthorn.feed.Links;
import io.posthorn.http.Routes;
import io.posthorn.index.IndexSnapshot;
import io.posthorn.index.Indexer;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import org.xnio.Options;

/**
 * One running Posthorn: the index snapshot (swapped atomically), the caches, and the Undertow
 * server. Start-up indexes front matter eagerly; bodies are cleaned and feeds rendered only when
 * first asked for. Thread-safe.
 */
public final class Posthorn implements AutoCloseable {
    private final Config config;
    private final AtomicReference<IndexSnapshot> snapshot = new AtomicReference<>(IndexSnapshot.empty());
    private final FeedCache feedCache;
    private final Routes routes;
    private Undertow undertow;
    private GracefulShutdownHandler shutdown;

    public Posthorn(Config config) {
        this.config = config;
        Links links = new Links(config.site(), config.attribution());
        ContentCache contents = new ContentCache(new ContentCleaner(config.site().baseUrl()),
                config.feeds().summaryChars(), config.cache().contentBytes());
        FeedAssembler assembler = new FeedAssembler(links, config.feeds().entries(), contents::get);
        EmbedRenderer embeds = new EmbedRenderer(links, config.feeds().entries(), contents::get);
        this.feedCache = new FeedCache(snapshot::get, assembler, embeds, config.cache().feedBytes());
        this.routes = new Routes(snapshot::get, links, feedCache, contents, config.feeds().maxAgeSeconds(),
                config.feeds().maxLimit());
    }

    /** Indexes every source folder and swaps the result in. */
    public Indexer.Result index() {
        Indexer.Result result = new Indexer(config).run();
        snapshot.set(result.snapshot());
        feedCache.invalidateAll();
        return result;
    }

    /** Starts serving; {@code port} 0 takes a free port. Returns the bound address. */
    public synchronized InetSocketAddress start(String host, int port) {
        shutdown = new GracefulShutdownHandler(routes);
        undertow = Undertow.builder()
                .addHttpListener(port, host)
                .setHandler(shutdown)
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 16 * 1024)
                .setServerOption(UndertowOptions.MAX_HEADERS, 100)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 64L * 1024)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 10_000)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, 120_000)
                .setServerOption(UndertowOptions.ALWAYS_SET_DATE, true)
                .setSocketOption(Options.READ_TIMEOUT, 60_000)
                .setSocketOption(Options.WRITE_TIMEOUT, 60_000)
                .build();
        undertow.start();
        return (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    }

    public IndexSnapshot snapshot() {
        return snapshot.get();
    }

    /** Stops accepting, lets requests in flight finish (up to 5 s), then stops. */
    @Override
    public synchronized void close() {
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
}
