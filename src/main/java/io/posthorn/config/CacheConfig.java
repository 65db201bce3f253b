package io.posthorn.config;

/**
 * Memory bounds of the rendered-output caches, in bytes.
 *
 * @param feedBytes    rendered feeds (plain plus gzip bytes)
 * @param contentBytes cleaned article bodies
 * @param indexFile    where the index is kept between runs (a restart then serves at once and
 *                     re-reads only what changed), or null for none
 */
public record CacheConfig(long feedBytes, long contentBytes, java.nio.file.Path indexFile) {
    public static final CacheConfig DEFAULTS = new CacheConfig(64L << 20, 32L << 20, null);

    public CacheConfig {
        if (feedBytes < 1 << 20) throw new IllegalArgumentException("feedBytes must be >= 1 MiB: " + feedBytes);
        if (contentBytes < 1 << 20) throw new IllegalArgumentException("contentBytes must be >= 1 MiB: " + contentBytes);
    }
}
