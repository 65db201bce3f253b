package io.posthorn.server;

import io.posthorn.article.ArticleReader;
import io.posthorn.cache.ContentCache;
import io.posthorn.cache.FeedCache;
import io.posthorn.clean.ContentCleaner;
import io.posthorn.config.Config;
import io.posthorn.config.SourceConfig;
import io.posthorn.embed.EmbedRenderer;
import io.posthorn.feed.FeedAssembler;
import io.posthorn.feed.Links;
import io.posthorn.http.Routes;
import io.posthorn.index.IndexSnapshot;
import io.posthorn.index.IndexStore;
import io.posthorn.index.LiveIndex;
import io.posthorn.metrics.Metrics;
import java.time.Clock;

/**
 * Everything that depends on one configuration: the live index and its current snapshot, the
 * caches, the routes and the updater. A configuration reload builds a new Site and swaps it in
 * whole. Thread-safe: the snapshot is published through a volatile field.
 */
final class Site implements AutoCloseable {
    private final Config config;
    private final LiveIndex index;
    private final FeedCache feedCache;
    private final Routes routes;
    private volatile IndexSnapshot snapshot = IndexSnapshot.empty();
    private final java.util.concurrent.atomic.AtomicLong skipped = new java.util.concurrent.atomic.AtomicLong();
    private Updater updater;
    private final IndexStore store;
    private final ContentCache contents;
    private boolean fromStore;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Site.class);

    /**
     * @param health  extra lines for {@code /healthz} (a failed configuration reload), or null
     * @param metrics where requests and renders are counted
     */
    Site(Config config, Clock clock, java.util.function.Supplier<String> health, Metrics metrics) {
        this.config = config;
        ArticleReader reader = new ArticleReader(config, clock);
        this.index = new LiveIndex(config, reader);
        this.store = config.cache().indexFile() == null ? null : new IndexStore(config.cache().indexFile(), config);
        Links links = new Links(config.site(), config.attribution());
        this.contents = new ContentCache(reader, new ContentCleaner(config.site().baseUrl(), config.clean()),
                config.feeds().summaryChars(), config.cache().contentBytes());
        FeedAssembler assembler = new FeedAssembler(links, config.feeds().entries(), contents::get);
        EmbedRenderer embeds = new EmbedRenderer(links, config.feeds().entries(), contents::get);
        this.feedCache = new FeedCache(this::snapshot, assembler, embeds, config.cache().feedBytes(), metrics::rendered);
        this.routes = new Routes(this::snapshot, links, feedCache, contents, config.feeds().maxAgeSeconds(),
                config.feeds().maxLimit(), health, metrics);
    }

    /** Reads every folder; called once, before the site serves. */
    LiveIndex.Load load() {
        LiveIndex.Load load = null;
        if (store != null) {
            load = index.load(store).orElse(null);
            fromStore = load != null;
        }
        if (load == null) {
            load = index.load();
        }
        snapshot = load.snapshot();
        skipped.addAndGet(load.broken());
        return load;
    }

    /** Whether the last {@link #load} came from the index store (the folders are checked right after). */
    boolean loadedFromStore() {
        return fromStore;
    }

    /** Broken files skipped so far (at load and in updates), for metrics. */
    long skipped() {
        return skipped.get();
    }

    FeedCache feedCache() {
        return feedCache;
    }

    ContentCache contentCache() {
        return contents;
    }

    /** Starts following the folders and the configuration file. */
    void follow(Runnable onConfigChange) {
        updater = new Updater(index, config.watch(), config.sources().stream().map(SourceConfig::path).toList(),
                config.file(), this::updated, onConfigChange, store == null ? null : this::save);
    }

    /** Writes the index store (on the updater thread, or after it stopped). */
    private void save() {
        try {
            index.save(store);
        } catch (java.io.IOException e) {
            LOG.warn("cannot write the index store {}: {}", store.file(), e.getMessage());
        }
    }

    private void updated(LiveIndex.Update update) {
        snapshot = update.snapshot();
        skipped.addAndGet(update.skipped().stream().filter(s -> !s.ignored()).count());
        feedCache.invalidate(update.affected(), update.snapshot().generation());
    }

    IndexSnapshot snapshot() {
        return snapshot;
    }

    Routes routes() {
        return routes;
    }

    Config config() {
        return config;
    }

    @Override
    public void close() {
        if (updater != null) {
            updater.close();
        }
    }
}
