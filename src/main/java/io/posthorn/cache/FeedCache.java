package io.posthorn.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.posthorn.feed.FeedAssembler;
import io.posthorn.feed.FeedRequest;
import io.posthorn.index.IndexSnapshot;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rendered feeds, each rendered once per snapshot and then served from memory. Bounded by the
 * total bytes held (plain plus gzip). Thread-safe: concurrent misses for one feed render it once.
 */
public final class FeedCache {
    private final Cache<FeedRequest, RenderedFeed> cache;
    private final Supplier<IndexSnapshot> snapshot;
    private final FeedAssembler assembler;

    public FeedCache(Supplier<IndexSnapshot> snapshot, FeedAssembler assembler, long maxBytes) {
        this.snapshot = snapshot;
        this.assembler = assembler;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((FeedRequest k, RenderedFeed v) -> v.weight())
                .build();
    }

    /** The cached document, without rendering: cheap enough for an I/O thread. */
    public RenderedFeed cached(FeedRequest request) {
        return cache.getIfPresent(request);
    }

    /** The document, rendering it on a miss (blocking: call off the I/O threads); empty for an unknown feed. */
    public Optional<RenderedFeed> get(FeedRequest request) {
        return Optional.ofNullable(cache.get(request, r -> assembler.render(snapshot.get(), r)
                .map(x -> RenderedFeed.of(x.body(), x.lastModified(), x.contentType()))
                .orElse(null)));
    }

    /** Drops every rendered feed (a new snapshot was swapped in). */
    public void invalidateAll() {
        cache.invalidateAll();
    }
}
