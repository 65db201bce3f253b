package io.posthorn.config;

/**
 * Limits on what one article file may bring in.
 *
 * @param maxBytes     larger files are skipped with a reason
 * @param maxTags      tags beyond this many are dropped with a warning (one file cannot create thousands of feeds)
 * @param maxNameChars longer tags and categories are dropped with a warning
 * @param future       serve articles dated more than a day ahead (Jekyll's {@code future})
 */
public record ArticlesConfig(long maxBytes, int maxTags, int maxNameChars, boolean future) {
    public static final ArticlesConfig DEFAULTS = new ArticlesConfig(1L << 20, 20, 50, false);

    public ArticlesConfig {
        if (maxBytes < 1024) throw new IllegalArgumentException("maxBytes must be >= 1024: " + maxBytes);
        if (maxTags < 1) throw new IllegalArgumentException("maxTags must be >= 1: " + maxTags);
        if (maxNameChars < 1) throw new IllegalArgumentException("maxNameChars must be >= 1: " + maxNameChars);
    }
}
