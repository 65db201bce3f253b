package io.posthorn.upstream;

import java.time.Duration;
import java.time.Instant;

/** Short human durations: {@code 45s}, {@code 15m}, {@code 2h30m}, {@code 3d}. Stateless. */
final class Durations {
    private Durations() {
    }

    static String words(Instant from, Instant to) {
        return words(Duration.between(from, to));
    }

    static String words(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s + 30) / 60 + "m";
        }
        if (s < 86_400) {
            long m = (s + 30) / 60;
            return m % 60 == 0 ? m / 60 + "h" : m / 60 + "h" + m % 60 + "m";
        }
        return (s + 43_200) / 86_400 + "d";
    }
}
