package io.posthorn.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.posthorn.feed.FeedAssembler;
import io.posthorn.feed.FeedRequest;
import io.posthorn.index.FeedKey;
import io.posthorn.index.IndexSnapshot;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Rendered feeds, each rendered once and then served from memory until an update touches it.
 * Bounded by the total bytes held (plain plus gzip).
 *
 * <p>Invariant: a cached document rendered from snapshot generation {@code g} is served only
 * while no update since {@code g} touched its feed ({@link #invalidate}). Each entry remembers
 * its generation and each invalidated feed the generation that invalidated it, so a render that
 * raced with an update and stored old bytes afterwards is never served. Thread-safe: concurrent
 * misses for one document render it once.
 */
public final class FeedCache {
    private record Entry(RenderedFeed feed, long generation) {
    }

    private final Cache<FeedRequest, Entry> cache;
    private final Map<FeedKey, Long> invalidatedAt = new ConcurrentHashMap<>();
    private final Supplier<IndexSnapshot> snapshot;
    private final FeedAssembler assembler;

    public FeedCache(Supplier<IndexSnapshot> snapshot, FeedAssembler assembler, long maxBytes) {
        this.snapshot = snapshot;
        this.assembler = assembler;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((FeedRequest k, Entry v) -> v.feed().weight())
                .build();
    }

    /** The cached document if it is current, without rendering: cheap enough for an I/O thread. */
    public RenderedFeed cached(FeedRequest request) {
        Entry e = cache.getIfPresent(request);
        return e != null && current(request, e) ? e.feed() : null;
    }

    /**
     * The document, rendering it on a miss (blocking: call off the I/O threads).
     *
     * @return empty for an unknown feed
     */
    public Optional<RenderedFeed> get(FeedRequest request) {
        Entry e = cache.get(request, this::render);
        if (e != null && !current(request, e)) {
            cache.asMap().remove(request, e);
            e = cache.get(request, this::render);
        }
        return Optional.ofNullable(e).map(Entry::feed);
    }

    private Entry render(FeedRequest request) {
        IndexSnapshot s = snapshot.get();
        return assembler.render(s, request)
                .map(r -> new Entry(RenderedFeed.of(r.body(), r.lastModified(), r.contentType()), s.generation()))
                .orElse(null);
    }

    private boolean current(FeedRequest request, Entry e) {
        Long at = invalidatedAt.get(request.key());
        return at == null || e.generation() >= at;
    }

    /** Drops every document of {@code keys}: an update that produced {@code generation} changed them. */
    public void invalidate(Set<FeedKey> keys, long generation) {
        for (FeedKey key : keys) {
            invalidatedAt.merge(key, generation, Math::max);
        }
        cache.asMap().keySet().removeIf(r -> keys.contains(r.key()));
    }

    /** Number of documents held, for logs and metrics. */
    public long size() {
        return cache.estimatedSize();
    }
}
