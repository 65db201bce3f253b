package io.posthorn.config;

/**
 * How feeds are shaped and cached by clients.
 *
 * @param entries        entries per feed (and per page)
 * @param summaryChars   maximum summary length in code points, before the attribution
 * @param maxLimit       largest {@code ?limit=} a client may ask for
 * @param maxAgeSeconds  {@code Cache-Control: max-age} of feed responses
 */
public record FeedsConfig(int entries, int summaryChars, int maxLimit, int maxAgeSeconds) {
    public static final FeedsConfig DEFAULTS = new FeedsConfig(50, 200, 500, 300);

    public FeedsConfig {
        if (entries < 1) throw new IllegalArgumentException("entries must be >= 1: " + entries);
        if (summaryChars < 10) throw new IllegalArgumentException("summaryChars must be >= 10: " + summaryChars);
        if (maxLimit < entries) throw new IllegalArgumentException("maxLimit must be >= entries: " + maxLimit);
        if (maxAgeSeconds < 0) throw new IllegalArgumentException("maxAgeSeconds must be >= 0: " + maxAgeSeconds);
    }
}
