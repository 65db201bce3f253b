package io.posthorn.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.posthorn.embed.EmbedRenderer;
import io.posthorn.embed.EmbedRequest;
import io.posthorn.feed.FeedAssembler;
import io.posthorn.feed.FeedRequest;
import io.posthorn.index.IndexSnapshot;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rendered feeds and embed documents, each rendered once per snapshot and then served from
 * memory. One budget bounds the total bytes held (plain plus gzip) of both kinds. Thread-safe:
 * concurrent misses for one document render it once.
 */
public final class FeedCache {
    /** Keys are {@link FeedRequest}s and {@link EmbedRequest}s: records, never equal across the two types. */
    private final Cache<Object, RenderedFeed> cache;
    private final Supplier<IndexSnapshot> snapshot;
    private final FeedAssembler assembler;
    private final EmbedRenderer embeds;

    public FeedCache(Supplier<IndexSnapshot> snapshot, FeedAssembler assembler, EmbedRenderer embeds, long maxBytes) {
        this.snapshot = snapshot;
        this.assembler = assembler;
        this.embeds = embeds;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Object k, RenderedFeed v) -> v.weight())
                .build();
    }

    /** The cached document, without rendering: cheap enough for an I/O thread. */
    public RenderedFeed cached(FeedRequest request) {
        return cache.getIfPresent(request);
    }

    /** The cached embed document, without rendering: cheap enough for an I/O thread. */
    public RenderedFeed cached(EmbedRequest request) {
        return cache.getIfPresent(request);
    }

    /** The document, rendering it on a miss (blocking: call off the I/O threads); empty for an unknown feed. */
    public Optional<RenderedFeed> get(FeedRequest request) {
        return Optional.ofNullable(cache.get(request, r -> assembler.render(snapshot.get(), request)
                .map(FeedCache::rendered).orElse(null)));
    }

    /** The embed document, rendering it on a miss (blocking: call off the I/O threads); empty for an unknown feed. */
    public Optional<RenderedFeed> get(EmbedRequest request) {
        return Optional.ofNullable(cache.get(request, r -> embeds.render(snapshot.get(), request)
                .map(FeedCache::rendered).orElse(null)));
    }

    /** Drops every rendered document (a new snapshot was swapped in). */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    private static RenderedFeed rendered(FeedAssembler.Rendered r) {
        return RenderedFeed.of(r.body(), r.lastModified(), r.contentType());
    }
}
