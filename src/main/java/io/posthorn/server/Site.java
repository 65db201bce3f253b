package io.posthorn.server;

import io.posthorn.article.Article;
import io.posthorn.article.ArticleReader;
import io.posthorn.cache.ContentCache;
import io.posthorn.cache.FeedCache;
import io.posthorn.cache.RenderedFeed;
import io.posthorn.clean.CleanContent;
import io.posthorn.clean.ContentCleaner;
import io.posthorn.config.Config;
import io.posthorn.config.SourceConfig;
import io.posthorn.embed.EmbedRenderer;
import io.posthorn.feed.FeedAssembler;
import io.posthorn.feed.FeedRequest;
import io.posthorn.feed.Format;
import io.posthorn.feed.Links;
import io.posthorn.http.Routes;
import io.posthorn.index.FeedKey;
import io.posthorn.index.IndexSnapshot;
import io.posthorn.index.IndexStore;
import io.posthorn.index.LiveIndex;
import io.posthorn.metrics.Metrics;
import io.posthorn.source.SourceFile;
import io.posthorn.upstream.Upstreams;
import io.posthorn.websub.Hub;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

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
    private final ContentCleaner cleaner;
    private final Links links;
    private final Upstreams upstreams;
    private final Clock clock;
    private final Metrics metrics;
    private volatile Hub hub;
    private volatile long configLoadedAt; // feeds.yml's modification time, as near as can be to its reading
    private boolean fromStore;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Site.class);

    /**
     * @param health  extra lines for {@code /healthz} (a failed configuration reload), or null
     * @param metrics where requests and renders are counted
     */
    Site(Config config, Clock clock, java.util.function.Supplier<String> health, Metrics metrics) {
        this.config = config;
        this.configLoadedAt = Updater.modified(config.file());
        ArticleReader reader = new ArticleReader(config, clock);
        this.index = new LiveIndex(config, reader);
        this.store = config.cache().indexFile() == null ? null : new IndexStore(config.cache().indexFile(), config);
        Links links = new Links(config.site(), config.attribution(), code -> snapshot.stockName(code),
                i -> i < config.sources().size() && config.sources().get(i).kind().sitePages(), config.websub());
        this.cleaner = new ContentCleaner(config.site().baseUrl(), config.clean());
        this.links = links;
        List<ContentCleaner> cleaners = config.sources().stream()
                .map(s -> s.clean().equals(config.clean()) ? cleaner : new ContentCleaner(config.site().baseUrl(), s.clean()))
                .toList();
        this.contents = new ContentCache(reader, cleaners, config.feeds().summaryChars(), config.cache().contentBytes(),
                config.site().excerptSeparator());
        FeedAssembler assembler = new FeedAssembler(links, config.feeds().entries(), contents::get);
        EmbedRenderer embeds = new EmbedRenderer(links, config.feeds().entries(), contents::get);
        this.feedCache = new FeedCache(this::snapshot, assembler, embeds, config.cache().feedBytes(), metrics::rendered);
        this.upstreams = Feeders.upstreams(config, clock);
        upstreams.onReport(r -> metrics.polled(r.upstream(), r.result(), r.bytes(), r.millis(), r.added(), r.updated()));
        this.routes = new Routes(this::snapshot, links, feedCache, contents, config.feeds().maxAgeSeconds(),
                config.feeds().maxLimit(), health, metrics, upstreams::status,
                () -> config.websub().builtin() ? hub : null, Math.max(1, config.http().maxConnections() / 2));
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A new hub (one per follow: a stopped one cannot start again), reading the subscriptions kept on disk. */
    private Hub newHub() {
        Hub.Events events = new Hub.Events() {
            @Override
            public void verification(String result) {
                metrics.webSubVerification(result);
            }

            @Override
            public void delivery(String result, long nanos) {
                metrics.webSubDelivery(result, nanos);
            }
        };
        return new Hub(config.websub(), clock, topic -> routes.topic(topic).map(FeedRequest::key),
                topic -> routes.topic(topic).flatMap(feedCache::get).map(Site::content),
                key -> List.of(links.feed(key, Format.ATOM), links.feed(key, Format.RSS), links.feed(key, Format.JSON)),
                events);
    }

    private static Hub.Content content(RenderedFeed feed) {
        java.nio.ByteBuffer body = feed.body();
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        return new Hub.Content(bytes, feed.contentType(), feed.link());
    }

    /** The WebSub hub while the site follows its folders, else null. */
    Hub hub() {
        return hub;
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

    /**
     * Renders a made-up article through the whole feed path (cleaning, every format, gzip) and
     * throws the result away, touching no cache. Run beside {@link #load} (which, from the index
     * store, keeps only one core busy), it loads and initialises jsoup, CommonMark, Rome and JDOM,
     * so that the first real request does not wait for that.
     *
     * @return whether every format rendered (a failure is logged and changes nothing else)
     */
    boolean warmUp() {
        try {
            OffsetDateTime date = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
            SourceFile nowhere = new SourceFile(0, config.file().toAbsolutePath().getParent(), "warm-up.md");
            Article sample = new Article("warm-up", config.site().id(), nowhere, 0,
                    "预热：示例文章", date, date, List.of("warm-up"), List.of("示例"), "示例来源", null);
            CleanContent content = cleaner.clean(WARM_UP_BODY, sample.source(), null, config.feeds().summaryChars());
            FeedAssembler assembler = new FeedAssembler(links, 1, a -> content);
            IndexSnapshot one = new IndexSnapshot(List.of(sample));
            for (Format format : Format.values()) {
                FeedAssembler.Rendered r = assembler.render(one, new FeedRequest(FeedKey.ALL, format)).orElseThrow();
                RenderedFeed.of(r.body(), r.lastModified(), r.contentType());
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("warm-up render failed (serving is not affected): {}", e.toString());
            return false;
        }
    }

    /** A body in the shape of the real articles: chart block, hidden paragraph, Markdown links, attribution. */
    private static final String WARM_UP_BODY = """
            <p style="display:none;"><br /></p><!-- EM_StockImg_Start --><p><a class="EmImageRemark"             href="http://quote.example.com/1"><img src="https://webquoteklinepic.eastmoney.com/1.png" /></a></p>            <!-- EM_StockImg_End -->
             <p>当地时间周三，示例公司宣布扩大合作。**重点**与[链接](https://example.com/b)。</p>
             <p>（文章来源：示例来源）</p>

            <https://example.com/a/1.html>

            [返回首页](//example.com/)｜[返回列表](//example.com/list.html)
            """;

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

    /** Takes {@code mtime} as the version of feeds.yml already acted on (a reload that failed to start). */
    void configSeen(long mtime) {
        configLoadedAt = mtime;
    }

    /** Starts following the folders and the configuration file. */
    void follow(Runnable onConfigChange) {
        updater = new Updater(index, config.watch(), config.sources().stream().map(SourceConfig::path).toList(),
                config.file(), configLoadedAt, this::updated, onConfigChange, store == null ? null : this::save,
                r -> metrics.rescanned(r.kind(), r.cpuNanos(), r.allocatedBytes()));
        upstreams.onWritten(updater::written);
        upstreams.start();
        Hub h = newHub();
        h.start();
        hub = h;
    }

    /** Writes the index store (on the updater thread, or after it stopped). */
    private void save() {
        try {
            index.save(store);
        } catch (java.io.IOException e) {
            LOG.warn("cannot write the index store {}: {}", store.file(), e.getMessage());
        }
    }

    private volatile java.util.function.Consumer<java.util.Set<io.posthorn.index.FeedKey>> onUpdate = keys -> { };

    private void updated(LiveIndex.Update update) {
        IndexSnapshot old = snapshot;
        snapshot = update.snapshot();
        skipped.addAndGet(update.skipped().stream().filter(s -> !s.ignored()).count());
        feedCache.invalidate(update.affected(), update.snapshot().generation());
        Hub h = hub;
        if (h != null) {
            h.changed(update.affected());
        }
        routes.changed(old, update.snapshot(), update.affected());
        onUpdate.accept(update.affected());
    }

    /** Who else hears of each update's affected feeds (the export follower); set before {@link #follow}. */
    void onUpdate(java.util.function.Consumer<java.util.Set<io.posthorn.index.FeedKey>> listener) {
        this.onUpdate = listener;
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

    /**
     * Stops following the folders and polling upstreams; a pending index-store write is done
     * before this returns. The snapshot keeps serving; {@link #follow} may start again.
     */
    void stopFollowing() {
        upstreams.stop();
        if (updater != null) {
            updater.close(); // first: no update may run against a closed hub
            updater = null;
        }
        Hub h = hub;
        hub = null;
        if (h != null) {
            h.close();
        }
    }

    @Override
    public void close() {
        routes.closeStreams();
        stopFollowing();
        upstreams.close();
    }
}
