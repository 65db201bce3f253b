package io.posthorn.upstream;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * What one poll of one upstream did. Immutable.
 *
 * @param result     {@code 200}, {@code 304}, {@code 410}, another status, or an error kind
 *                   ({@code timeout}, {@code too-large}, {@code redirect}, {@code not-a-feed}, …)
 * @param failed     whether the poll counts as a failure (backoff)
 * @param changed    article files written or deleted, for the index
 * @param error      the reason in words, or null
 */
public record PollReport(String upstream, String result, boolean failed, int added, int updated, int unchanged,
                         int duplicates, int skipped, long millis, long bytes, Instant next, String error,
                         Set<Path> changed) {
    public PollReport {
        changed = Set.copyOf(changed);
    }

    /** The one INFO line of a poll, e.g. {@code upstream 财联社: 200, 3 new, 1 updated, 46 unchanged, 412 ms, next in 15m}. */
    public String line(Instant now) {
        StringBuilder b = new StringBuilder("upstream ").append(upstream).append(": ").append(result);
        if (error != null) {
            b.append(" (").append(error).append(')');
        }
        if (!failed) {
            b.append(", ").append(added).append(" new, ").append(updated).append(" updated, ")
                    .append(unchanged).append(" unchanged");
            if (duplicates > 0) {
                b.append(", ").append(duplicates).append(" duplicates");
            }
            if (skipped > 0) {
                b.append(", ").append(skipped).append(" skipped");
            }
        }
        b.append(", ").append(millis).append(" ms, next ");
        b.append(next == null ? "never (until the configuration changes)" : "in " + Durations.words(now, next));
        return b.toString();
    }
}
