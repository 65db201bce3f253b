package io.posthorn.upstream;

import java.time.Instant;

/**
 * One upstream as {@code /upstreams} shows it. Immutable.
 *
 * @param source    the source's index in the configuration
 * @param movedUrl  where a permanent redirect moved it, or null
 * @param lastPoll  null before the first poll
 * @param lastStatus the HTTP status of the last answer, 0 when there was none
 * @param total     entry files written and kept
 * @param nextPoll  null when stopped (410)
 * @param lastError the last poll's failure in words, or null when it went well
 * @param failures  failures in a row
 */
public record UpstreamStatus(int source, String name, String url, String movedUrl, Instant lastPoll, int lastStatus,
                             int lastNew, int lastUpdated, int lastUnchanged, int total, Instant nextPoll,
                             String lastError, boolean gone, int failures) {
    /** Whether its last poll failed (or it is stopped). */
    public boolean failing() {
        return gone || failures > 0;
    }
}
