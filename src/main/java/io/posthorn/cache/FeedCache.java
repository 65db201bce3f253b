package io.posthorn.cache;

import io.posthorn.article.Article;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.posthorn.clean.Variant;
import io.posthorn.embed.EmbedRenderer;
import io.posthorn.embed.EmbedRequest;
import io.posthorn.feed.FeedAssembler;
import io.posthorn.feed.FeedRequest;
import io.posthorn.index.FeedKey;
import io.posthorn.index.IndexSnapshot;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rendered feeds and embed documents, each rendered once and then served from memory until an
 * update touches its feed. One budget bounds the total bytes held (plain plus gzip) of both kinds.
 *
 * <p>Invariant: a cached document rendered from snapshot generation {@code g} is served only
 * while no update since {@code g} touched its feed ({@link #invalidate}). Each entry remembers
 * its generation and each invalidated feed the generation that invalidated it, so a render that
 * raced with an update and stored old bytes afterwards is never served. Thread-safe: concurrent
 * misses for one document render it once.
 */
public final class FeedCache {
    /** A cached document and the snapshot generation it was rendered from. */
    private record Entry(RenderedFeed feed, long generation) {
    }

    /** Keys are {@link FeedRequest}s, {@link EmbedRequest}s and {@link Page}s: records, never equal across types. */
    private final Cache<Object, Entry> cache;
    private final Map<FeedKey, Long> invalidatedAt = new ConcurrentHashMap<>();
    private final Supplier<IndexSnapshot> snapshot;
    private final FeedAssembler assembler;
    private final EmbedRenderer embeds;
    private final java.util.function.LongConsumer renderListener;
    /** Hits answered by {@link #cached}, whose lookup records no statistics (so a miss is not counted twice). */
    private final java.util.concurrent.atomic.LongAdder quickHits = new java.util.concurrent.atomic.LongAdder();

    /** @param renderListener told the nanoseconds of every render (a cache miss) */
    public FeedCache(Supplier<IndexSnapshot> snapshot, FeedAssembler assembler, EmbedRenderer embeds, long maxBytes,
                     java.util.function.LongConsumer renderListener) {
        this.renderListener = renderListener;
        this.snapshot = snapshot;
        this.assembler = assembler;
        this.embeds = embeds;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Object k, Entry v) -> v.feed().weight())
                .recordStats()
                .build();
    }

    /** The cached feed if it is current, without rendering: cheap enough for an I/O thread. */
    public RenderedFeed cached(FeedRequest request) {
        return current(request, request.key());
    }

    /** The cached embed document if it is current, without rendering: cheap enough for an I/O thread. */
    public RenderedFeed cached(EmbedRequest request) {
        return current(request, request.key());
    }

    /** The feed, rendering it on a miss (blocking: call off the I/O threads); empty for an unknown feed. */
    public Optional<RenderedFeed> get(FeedRequest request) {
        return get(request, request.key(), s -> assembler.render(s, request));
    }

    /** The embed document, rendering it on a miss (blocking: call off the I/O threads); empty for an unknown feed. */
    public Optional<RenderedFeed> get(EmbedRequest request) {
        return get(request, request.key(), s -> embeds.render(s, request));
    }

    /**
     * An article's page, rendered on a miss (blocking: call off the I/O threads). Keyed by the
     * article record, whose fingerprint changes with its file: a changed article is a new key,
     * and the old page ages out. Its Last-Modified is the article's {@code updated}. Each variant
     * of Chinese is a page of its own.
     */
    public RenderedFeed page(Article article, Variant variant, BiFunction<Article, Variant, byte[]> render) {
        return cache.get(new Page(article, variant), k -> {
            long start = System.nanoTime();
            Entry entry = new Entry(RenderedFeed.of(render.apply(article, variant), article.updatedInstant(),
                    "text/html; charset=utf-8"), Long.MAX_VALUE);
            renderListener.accept(System.nanoTime() - start);
            return entry;
        }).feed();
    }

    /** What renders the embed documents (also the live headlines of event streams). */
    public EmbedRenderer embeds() {
        return embeds;
    }

    /** The cached page of {@code article}, or null, without rendering: cheap enough for an I/O thread. */
    public RenderedFeed cachedPage(Article article, Variant variant) {
        Entry e = cache.asMap().get(new Page(article, variant));
        if (e != null) {
            quickHits.increment();
            return e.feed();
        }
        return null;
    }

    /** The key of an article page: never equal to a feed or embed request. */
    private record Page(Article article, Variant variant) {
    }

    /** Drops every document of {@code keys}: an update that produced {@code generation} changed them. */
    public void invalidate(Set<FeedKey> keys, long generation) {
        for (FeedKey key : keys) {
            invalidatedAt.merge(key, generation, Math::max);
        }
        cache.asMap().keySet().removeIf(k -> !(k instanceof Page) && keys.contains(feedKey(k)));
    }

    /** Hits, misses (one per render) and evictions so far, for metrics. */
    public CacheCounts counts() {
        var stats = cache.stats();
        return new CacheCounts(stats.hitCount() + quickHits.sum(), stats.missCount(), stats.evictionCount(),
                cache.estimatedSize());
    }

    private RenderedFeed current(Object request, FeedKey key) {
        // the map view records the access for eviction (a hot feed stays) but not a hit or a miss:
        // a miss here is followed by get(), which counts it once
        Entry e = cache.asMap().get(request);
        if (e != null && isCurrent(key, e)) {
            quickHits.increment();
            return e.feed();
        }
        return null;
    }

    private Optional<RenderedFeed> get(Object request, FeedKey key,
                                       Function<IndexSnapshot, Optional<FeedAssembler.Rendered>> render) {
        Function<Object, Entry> load = k -> {
            long start = System.nanoTime();
            IndexSnapshot s = snapshot.get();
            Entry entry = render.apply(s).map(r -> new Entry(RenderedFeed.of(r.body(), r.lastModified(),
                    r.contentType(), r.link()), s.generation())).orElse(null);
            renderListener.accept(System.nanoTime() - start);
            return entry;
        };
        Entry e = cache.get(request, load);
        if (e != null && !isCurrent(key, e)) {
            cache.asMap().remove(request, e);
            e = cache.get(request, load);
        }
        return Optional.ofNullable(e).map(Entry::feed);
    }

    private boolean isCurrent(FeedKey key, Entry e) {
        Long at = invalidatedAt.get(key);
        return at == null || e.generation() >= at;
    }

    private static FeedKey feedKey(Object request) {
        return request instanceof FeedRequest f ? f.key() : ((EmbedRequest) request).key();
    }
}
