package io.posthorn.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Push to feed readers (the {@code websub:} section): which hubs every feed advertises, and the
 * limits of the built-in one at {@code /websub}.
 *
 * @param hubs                  external hubs, advertised and pinged on every change
 * @param builtin               whether Posthorn's own hub runs and is advertised (default: when
 *                              {@code hubs} is empty; set it to have both)
 * @param allowPrivateCallbacks whether callbacks may be on loopback, private, link-local or
 *                              multicast addresses (tests, intranets; off by default: a hub that
 *                              requests any URL it is given is a request-forgery tool)
 * @param maxPerTopic           subscriptions of one topic
 * @param maxPerHost            subscriptions whose callbacks are on one host
 * @param defaultLease          a subscription's lease when the subscriber asks for none
 * @param verifyTimeout         a verification request, whole
 * @param deliverTimeout        a content delivery, whole
 * @param file                  where subscriptions are kept across restarts
 */
public record WebSubConfig(List<URI> hubs, boolean builtin, boolean allowPrivateCallbacks, int maxPerTopic,
                           int maxPerHost, Duration defaultLease, Duration verifyTimeout, Duration deliverTimeout,
                           Path file) {
    /** The longest lease granted, whatever a subscriber asks for. */
    public static final Duration MAX_LEASE = Duration.ofDays(30);
    public static final String DEFAULT_FILE = ".posthorn-websub.json";

    public WebSubConfig {
        hubs = List.copyOf(hubs);
        Objects.requireNonNull(defaultLease, "defaultLease");
        Objects.requireNonNull(verifyTimeout, "verifyTimeout");
        Objects.requireNonNull(deliverTimeout, "deliverTimeout");
        Objects.requireNonNull(file, "file");
    }

    /** The defaults, the subscriptions kept in {@code folder}. */
    public static WebSubConfig defaults(Path folder) {
        return new WebSubConfig(List.of(), true, false, 1000, 100, Duration.ofDays(10), Duration.ofSeconds(10),
                Duration.ofSeconds(10), folder.resolve(DEFAULT_FILE));
    }
}
