package io.posthorn.config;

/**
 * Memory bounds of the rendered-output caches, in bytes.
 *
 * @param feedBytes    rendered feeds (plain plus gzip bytes)
 * @param contentBytes cleaned article bodies
 */
public record CacheConfig(long feedBytes, long contentBytes) {
    public static final CacheConfig DEFAULTS = new CacheConfig(64L << 20, 32L << 20);

    public CacheConfig {
        if (feedBytes < 1 << 20) throw new IllegalArgumentException("feedBytes must be >= 1 MiB: " + feedBytes);
        if (contentBytes < 1 << 20) throw new IllegalArgumentException("contentBytes must be >= 1 MiB: " + contentBytes);
    }
}
