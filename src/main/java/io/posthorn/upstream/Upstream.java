package io.posthorn.upstream;

import io.posthorn.clean.PlainText;
import io.posthorn.config.SourceKind;
import io.posthorn.feed.FeedParser;
import io.posthorn.feed.ParsedFeed;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream feed and its folder: a poll fetches the document (conditionally, following moves
 * and honouring 410 and Retry-After), reads it, hands its entries to the {@link EntryWriter}
 * (which writes new and changed ones as article files; the index does the rest), and works out
 * the next poll with {@link PollPolicy}.
 *
 * <p>Invariant: the state on disk is saved after every poll, and a file is written before the
 * state says it was. Not thread-safe: {@link Upstreams} runs one poll of an upstream at a time.
 */
final class Upstream {
    private static final Logger LOG = LoggerFactory.getLogger(Upstream.class);
    private static final int REDIRECTS_TO_MOVE = 3;

    final int index;
    final SourceKind.Upstream config;
    final Path folder;
    private final HttpFetcher fetcher;
    private final FeedParser parser;
    private final PollPolicy policy;
    private final Clock clock;
    private final EntryWriter entries;
    UpstreamState state; // replaced only by reloadIfChanged, on the polling thread
    private volatile int total; // entry files kept, published at the end of each poll
    private long savedAt; // the state file's modification time when this process last read or wrote it

    /**
     * @param scope  stable name of this upstream for ids that are not URLs (its folder, relative to feeds.yml)
     * @param claims across every upstream: article keys to the scope of the upstream that writes
     *               them, normalised links to the key of the entry that holds them
     */
    Upstream(int index, SourceKind.Upstream config, Path folder, String scope, HttpFetcher fetcher, FeedParser parser,
             PollPolicy policy, Clock clock, ZoneId zone, Map<String, String> claims) {
        this.index = index;
        this.config = config;
        this.folder = folder;
        this.fetcher = fetcher;
        this.parser = parser;
        this.policy = policy;
        this.clock = clock;
        UpstreamState loaded = UpstreamState.load(folder);
        if (!config.url().toString().equals(loaded.configuredUrl)) {
            // a new URL in feeds.yml: what was learnt of the old one (410, a move, validators) no longer holds
            loaded.configuredUrl = config.url().toString();
            loaded.gone = false;
            loaded.movedUrl = null;
            loaded.redirectTarget = null;
            loaded.redirectStreak = 0;
            loaded.etag = null;
            loaded.lastModified = null;
            loaded.retryAfterUntil = 0;
            loaded.nextPoll = 0;
        }
        this.state = loaded;
        this.savedAt = UpstreamState.modified(folder);
        this.entries = new EntryWriter(config, folder, scope, zone, claims, this::name);
        entries.claimAll(state);
        this.total = EntryWriter.kept(state);
    }

    /** The attribution: the configured name, else the upstream's own title, else its host. */
    String name() {
        if (config.name() != null) {
            return config.name();
        }
        if (state.title != null && !state.title.isBlank()) {
            return state.title;
        }
        return config.url().getHost();
    }

    URI target() {
        return state.movedUrl != null ? URI.create(state.movedUrl) : config.url();
    }

    /** Whether {@code fetch} would poll it now: not stopped by a 410, not inside a Retry-After. */
    boolean pollable(Instant now) {
        return !state.gone && now.toEpochMilli() >= state.retryAfterUntil;
    }

    boolean due(Instant now) {
        return pollable(now) && now.toEpochMilli() >= state.nextPoll;
    }

    /** Polls once and saves the state. Never throws for anything the upstream does. */
    PollReport poll() throws InterruptedException {
        reloadIfChanged();
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        Outcome o;
        try {
            o = fetchAndWrite(start);
        } catch (HttpFetcher.FetchException e) {
            o = Outcome.failure(e.kind, e.getMessage());
        }
        Instant now = clock.instant();
        state.lastPoll = now.toEpochMilli();
        Instant next;
        if (o.gone) {
            state.gone = true;
            next = null;
            LOG.warn("upstream {}: 410 Gone: polling stopped until its URL in the configuration changes", name());
        } else if (o.failed) {
            state.failures++;
            next = policy.afterFailure(now, config.every(), state.failures);
            if (o.retryAfter != null) {
                Instant after = now.plus(o.retryAfter);
                state.retryAfterUntil = after.toEpochMilli();
                next = after.isAfter(next) ? after : next;
            }
        } else {
            state.failures = 0;
            state.emptyPolls = o.added > 0 ? 0 : state.emptyPolls + 1;
            next = policy.afterSuccess(now, config.every(), state.emptyPolls, o.floor);
        }
        state.nextPoll = next == null ? Long.MAX_VALUE : next.toEpochMilli();
        state.lastStatus = o.status;
        state.lastError = o.error;
        if (!o.failed) {
            state.lastNew = o.added;
            state.lastUpdated = o.updated;
            state.lastUnchanged = o.unchanged;
            state.lastDuplicates = o.duplicates;
            state.lastSkipped = o.skipped;
        }
        Set<Path> changed = new HashSet<>(o.changed);
        changed.addAll(entries.expire(state, now));
        entries.forget(state, now);
        total = EntryWriter.kept(state);
        save();
        return new PollReport(name(), o.result, o.failed, o.added, o.updated, o.unchanged, o.duplicates, o.skipped,
                (System.nanoTime() - t0) / 1_000_000, o.bytes, next, o.error, changed);
    }

    /**
     * Takes the state from disk again when another process wrote it since this one did (a
     * {@code fetch} beside a running {@code serve}, or the site before a configuration reload).
     */
    private void reloadIfChanged() {
        long onDisk = UpstreamState.modified(folder);
        if (onDisk != savedAt) {
            UpstreamState fresh = UpstreamState.load(folder);
            if (config.url().toString().equals(fresh.configuredUrl)) {
                state = fresh;
            }
            savedAt = onDisk;
        }
    }

    /** What a poll came to, before the schedule is worked out. */
    private static final class Outcome {
        String result;
        int status;
        boolean failed;
        boolean gone;
        String error;
        Duration retryAfter;
        Duration floor = Duration.ZERO;
        int added;
        int updated;
        int unchanged;
        int duplicates;
        int skipped;
        long bytes;
        final Set<Path> changed = new HashSet<>();

        static Outcome failure(String result, String error) {
            Outcome o = new Outcome();
            o.result = result;
            o.failed = true;
            o.error = error;
            return o;
        }
    }

    private Outcome fetchAndWrite(Instant now) throws HttpFetcher.FetchException, InterruptedException {
        HttpFetcher.Response r = fetcher.get(target(), state.etag, state.lastModified);
        followMoves(r);
        Outcome o = new Outcome();
        o.status = r.status();
        o.result = String.valueOf(r.status());
        o.bytes = r.wireBytes();
        if (r.status() == 304) {
            o.unchanged = state.lastNew + state.lastUpdated + state.lastUnchanged;
            o.floor = PollPolicy.upstreamFloor(r.header("Cache-Control"), r.header("Expires"), r.header("Date"),
                    state.ttl, now);
            return o;
        }
        if (r.status() == 410) {
            o.gone = true;
            o.failed = true;
            o.error = "the upstream says the feed is gone for good";
            return o;
        }
        if (r.status() == 429 || r.status() == 503) {
            o.failed = true;
            o.retryAfter = PollPolicy.retryAfter(r.header("Retry-After"), now);
            o.error = r.status() == 429 ? "too many requests" : "service unavailable";
            if (o.retryAfter != null) {
                o.error += ", retry after " + Durations.words(o.retryAfter);
            }
            return o;
        }
        if (r.status() != 200) {
            o.failed = true;
            o.error = "HTTP " + r.status();
            return o;
        }
        String contentType = r.header("Content-Type");
        ParsedFeed feed;
        try {
            feed = parser.parse(FeedText.decode(r.body(), charsetOf(contentType)), r.url(), mediaType(contentType));
        } catch (FeedParser.NotAFeed e) {
            o.failed = true;
            o.result = "not-a-feed";
            o.error = e.getMessage();
            return o;
        }
        if (feed.title() != null && !PlainText.of(feed.title()).isEmpty()) {
            state.title = PlainText.of(feed.title());
        }
        state.ttl = feed.ttlMinutes();
        o.floor = PollPolicy.upstreamFloor(r.header("Cache-Control"), r.header("Expires"), r.header("Date"),
                feed.ttlMinutes(), now);
        EntryWriter.Written w = entries.write(state, feed, r.url(), now);
        o.added = w.added;
        o.updated = w.updated;
        o.unchanged = w.unchanged;
        o.duplicates = w.duplicates;
        o.skipped = w.skipped;
        o.changed.addAll(w.changed);
        // the validators are kept only when every entry was written: else the next poll must see
        // the document again (a 304 would leave the missing entries out until the upstream changes)
        state.etag = w.failedWrites == 0 ? r.header("ETag") : null;
        state.lastModified = w.failedWrites == 0 ? r.header("Last-Modified") : null;
        return o;
    }

    /** A permanent redirect seen on {@value #REDIRECTS_TO_MOVE} polls in a row moves the upstream. */
    private void followMoves(HttpFetcher.Response r) {
        boolean permanent = !r.redirects().isEmpty() && r.redirects().stream().allMatch(HttpFetcher.Hop::permanent);
        if (!permanent) {
            state.redirectStreak = 0;
            state.redirectTarget = null;
            return;
        }
        String to = r.url().toString();
        state.redirectStreak = to.equals(state.redirectTarget) ? state.redirectStreak + 1 : 1;
        state.redirectTarget = to;
        if (state.redirectStreak >= REDIRECTS_TO_MOVE && !to.equals(state.movedUrl)) {
            LOG.warn("upstream {}: moved permanently from {} to {} (seen on {} polls in a row); polling the new URL, "
                    + "feeds.yml keeps {}", name(), target(), to, state.redirectStreak, config.url());
            state.movedUrl = to;
            state.redirectStreak = 0;
        }
    }

    /** Entry files written so far and not expired, as of the last poll (read by status pages on other threads). */
    int total() {
        return total;
    }

    /**
     * After a fault of Posthorn's own in a poll (a bug on odd input): counted as a failure and
     * polled again after the usual backoff, never at the next tick.
     */
    void failedUnexpectedly(Throwable e) {
        Instant now = clock.instant();
        state.failures++;
        state.lastError = "unexpected error: " + e;
        state.lastStatus = 0;
        state.nextPoll = policy.afterFailure(now, config.every(), state.failures).toEpochMilli();
        save();
    }

    private void save() {
        try {
            state.save(folder);
            savedAt = UpstreamState.modified(folder);
        } catch (IOException e) {
            LOG.warn("upstream {}: cannot save its state in {}: {}", name(), folder, e.getMessage());
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).replace("\"", "").strip();
            }
        }
        return null;
    }
}
