package io.posthorn.cache;

/** A cache's counters at one moment, for metrics: lookups that hit or missed, entries evicted, entries held. */
public record CacheCounts(long hits, long misses, long evictions, long size) {
}
