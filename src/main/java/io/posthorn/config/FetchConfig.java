package io.posthorn.config;

import java.time.Duration;

/**
 * How upstream feeds are fetched.
 *
 * @param connectTimeout to establish a connection
 * @param timeout        for a whole fetch, redirects and body included (it also cuts a body that trickles)
 * @param perHost        polls of one host at a time
 * @param maxBytes       largest document, on the wire and after decompression
 */
public record FetchConfig(Duration connectTimeout, Duration timeout, int perHost, int maxBytes) {
    public static final FetchConfig DEFAULTS = new FetchConfig(Duration.ofSeconds(10), Duration.ofSeconds(30), 2, 10 << 20);
}
