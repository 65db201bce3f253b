package io.posthorn.websub;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One verified subscription: a callback that receives a topic's new documents until its lease ends.
 *
 * @param topic    the feed URL, exactly as its {@code self} link gives it
 * @param callback where documents are posted (absolute http or https)
 * @param secret   the key of {@code X-Hub-Signature}, or null for unsigned deliveries
 * @param expires  the end of the lease
 */
public record Subscription(String topic, URI callback, String secret, Instant expires) {
    public Subscription {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(expires, "expires");
    }

    /** Subscriptions are one per topic and callback: a new one replaces it (a renewal). */
    public String id() {
        return topic + " " + callback;
    }
}
