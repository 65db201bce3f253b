package io.posthorn.upstream;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When to poll an upstream next. Polite by construction:
 * <ul>
 * <li>normally every {@code every}; after 10 polls in a row that brought nothing new, twice as
 *     seldom, after 20 four times (never more than 24 hours apart), and at {@code every} again
 *     as soon as one brings something;</li>
 * <li>never sooner than the upstream's {@code Cache-Control: max-age}, {@code Expires} or RSS
 *     {@code ttl} allow (at most a day of that is honoured);</li>
 * <li>after a failure, exponentially later ({@code every} × 2^(failures−1), with ±25% jitter,
 *     at most 6 hours), never giving up for good;</li>
 * <li>{@code Retry-After} (seconds or an HTTP date) of a 429 or 503, at most a week of it.</li>
 * </ul>
 * Thread-safe: stateless but for the random source of the jitter.
 */
final class PollPolicy {
    static final Duration MAX_BACKOFF = Duration.ofHours(6);
    static final Duration MAX_INTERVAL = Duration.ofHours(24);
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(7);
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])(?:max-age|s-maxage)\\s*=\\s*\"?(\\d{1,10})");

    private final RandomGenerator random;

    PollPolicy(RandomGenerator random) {
        this.random = random;
    }

    /** After a poll that got an answer (200 or 304). */
    Instant afterSuccess(Instant now, Duration every, int emptyPolls, Duration upstreamFloor) {
        long factor = emptyPolls >= 20 ? 4 : emptyPolls >= 10 ? 2 : 1;
        Duration interval = every.multipliedBy(factor);
        if (interval.compareTo(MAX_INTERVAL) > 0) {
            interval = every.compareTo(MAX_INTERVAL) > 0 ? every : MAX_INTERVAL;
        }
        Duration floor = upstreamFloor.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : upstreamFloor;
        return now.plus(interval.compareTo(floor) >= 0 ? interval : floor);
    }

    /** After the {@code failures}-th failure in a row (1 for the first). */
    Instant afterFailure(Instant now, Duration every, int failures) {
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        Duration backoff = every.multipliedBy(1L << Math.min(shift, 20));
        if (backoff.compareTo(MAX_BACKOFF) > 0 || shift >= 20) {
            backoff = MAX_BACKOFF;
        }
        double jitter = 0.75 + random.nextDouble() * 0.5;
        long millis = Math.min((long) (backoff.toMillis() * jitter), MAX_BACKOFF.toMillis());
        return now.plusMillis(Math.max(millis, 1000));
    }

    /** The wait a {@code Retry-After} value asks for (delta-seconds or an HTTP date), or null. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        Duration wait;
        if (v.chars().allMatch(Character::isDigit)) {
            wait = Duration.ofSeconds(v.length() > 9 ? MAX_RETRY_AFTER.toSeconds() : Long.parseLong(v));
        } else {
            Instant at = httpDate(v);
            if (at == null) {
                return null;
            }
            wait = Duration.between(now, at);
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    /** How long the upstream's own headers (and RSS ttl) ask us to wait before asking again. */
    static Duration upstreamFloor(String cacheControl, String expires, String date, int ttlMinutes, Instant now) {
        Duration floor = Duration.ZERO;
        Matcher m = cacheControl == null ? null : MAX_AGE.matcher(cacheControl.toLowerCase(Locale.ROOT));
        if (m != null && m.find()) {
            // the longest of max-age and s-maxage: either says the document stays fresh that long
            long seconds = Long.parseLong(m.group(1));
            while (m.find()) {
                seconds = Math.max(seconds, Long.parseLong(m.group(1)));
            }
            floor = Duration.ofSeconds(Math.min(seconds, MAX_INTERVAL.toSeconds()));
        } else if (expires != null) { // HTTP ignores Expires only when max-age or s-maxage is given
            Instant at = httpDate(expires.strip());
            Instant served = date == null ? null : httpDate(date.strip());
            if (at != null) {
                Duration d = Duration.between(served != null ? served : now, at);
                floor = d.isNegative() ? Duration.ZERO : d;
            }
        }
        Duration ttl = Duration.ofMinutes(Math.max(0, ttlMinutes));
        return ttl.compareTo(floor) > 0 ? ttl : floor;
    }

    static Instant httpDate(String text) {
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
