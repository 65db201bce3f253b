package io.posthorn.upstream;

import io.posthorn.clean.HtmlUrls;
import io.posthorn.clean.PlainText;
import io.posthorn.config.SourceKind;
import io.posthorn.feed.FeedParser;
import io.posthorn.feed.ParsedFeed;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream feed and its folder: a poll fetches the document (conditionally), reads it, and
 * writes each new or changed entry as an article file; the index does the rest. Entries are
 * known by {@link Identity}, so the same entry is never written twice, an edited one rewrites
 * its own file (same id, new {@code last_modified_at}), and a file the operator deleted is not
 * written again unless the upstream changes the entry.
 *
 * <p>Invariant: the state on disk is saved after every poll, and a file is written before the
 * state says it was. Not thread-safe: {@link Upstreams} runs one poll of an upstream at a time.
 */
final class Upstream {
    private static final Logger LOG = LoggerFactory.getLogger(Upstream.class);
    private static final int REDIRECTS_TO_MOVE = 3;
    private static final int TITLE_FROM_BODY_CHARS = 60;
    private static final int FORGET_DAYS = 30;
    /** Prefixes of the shared claims: an article key (to its upstream's scope), a normalised link (to its key). */
    private static final String KEY = "key:";
    private static final String LINK = "link:";

    final int index;
    final SourceKind.Upstream config;
    final Path folder;
    private final String scope;
    private final HttpFetcher fetcher;
    private final FeedParser parser;
    private final PollPolicy policy;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, String> claims;
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
        this.scope = scope;
        this.fetcher = fetcher;
        this.parser = parser;
        this.policy = policy;
        this.clock = clock;
        this.zone = zone;
        this.claims = claims;
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
        for (var e : state.entries.entrySet()) {
            claims.putIfAbsent(KEY + e.getKey(), scope);
            if (e.getValue().link != null) {
                claims.putIfAbsent(LINK + e.getValue().link, e.getKey());
            }
        }
        this.total = countTotal();
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
        changed.addAll(expire(now));
        forget(now);
        total = countTotal();
        try {
            state.save(folder);
            savedAt = UpstreamState.modified(folder);
        } catch (IOException e) {
            LOG.warn("upstream {}: cannot save its state in {}: {}", name(), folder, e.getMessage());
        }
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
        int failedWrites = write(feed, r.url(), now, o);
        // the validators are kept only when every entry was written: else the next poll must see
        // the document again (a 304 would leave the missing entries out until the upstream changes)
        state.etag = failedWrites == 0 ? r.header("ETag") : null;
        state.lastModified = failedWrites == 0 ? r.header("Last-Modified") : null;
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

    /** Writes what is new or changed; returns how many entry files could not be written. */
    private int write(ParsedFeed feed, URI url, Instant now, Outcome o) {
        int failedWrites = 0;
        Set<String> inDocument = new HashSet<>();
        String base = feed.link() != null ? feed.link() : url.toString();
        for (ParsedFeed.Entry e : feed.entries()) {
            String title = e.title() == null ? "" : PlainText.of(e.title());
            String html = e.html() == null ? "" : e.html();
            // the body's text is needed only for an entry without a title (most have one)
            String bodyText = title.isEmpty() ? PlainText.of(html) : "";
            if (title.isEmpty() && bodyText.isEmpty()) {
                o.skipped++;
                LOG.info("upstream {}: entry {} skipped: it has neither title nor content", name(),
                        e.id() != null ? e.id() : e.link() != null ? e.link() : "#" + (inDocument.size() + o.skipped));
                continue;
            }
            if (title.isEmpty()) {
                title = bodyText.codePointCount(0, bodyText.length()) <= TITLE_FROM_BODY_CHARS ? bodyText
                        : bodyText.substring(0, bodyText.offsetByCodePoints(0, TITLE_FROM_BODY_CHARS)) + "…";
            }
            String identity = Identity.of(e, scope, title);
            String key = Identity.key(identity);
            if (!inDocument.add(key)) {
                o.duplicates++; // the same id twice in one document: the first one stands
                continue;
            }
            String keyOwner = claims.putIfAbsent(KEY + key, scope);
            if (keyOwner != null && !keyOwner.equals(scope)) {
                // the same id (a URL guid, or the same link) from another upstream: one story, kept once
                o.duplicates++;
                LOG.info("upstream {}: entry {} skipped: another upstream ({}) already keeps it", name(), key, keyOwner);
                continue;
            }
            String link = e.link();
            String normalisedLink = link == null ? null : Identity.normalised(link);
            if (normalisedLink != null) {
                String owner = claims.putIfAbsent(LINK + normalisedLink, key);
                if (owner != null && !owner.equals(key)) {
                    o.duplicates++;
                    LOG.info("upstream {}: entry {} skipped: the same story ({}) is already kept from another "
                            + "entry ({})", name(), key, link, owner);
                    continue;
                }
            }
            List<String> tags = new ArrayList<>(config.tags());
            for (String c : e.categories()) {
                String tag = PlainText.of(c);
                if (!tag.isEmpty() && !tags.contains(tag)) {
                    tags.add(tag);
                }
            }
            String author = e.authors().isEmpty() ? null : PlainText.of(String.join(", ", e.authors()));
            String summary = e.summary() == null ? null : PlainText.of(e.summary());
            // over the document's own text: an unchanged entry (most of them, every poll) costs no HTML parse
            String digest = Identity.digest(title, html, String.valueOf(link), String.valueOf(author), tags.toString(),
                    String.valueOf(summary));
            UpstreamState.Seen seen = state.entries.get(key);
            if (seen != null) {
                seen.lastSeen = now.toEpochMilli();
            }
            if (seen != null && (seen.digest.equals(digest) || seen.expired)) {
                o.unchanged++;
                continue;
            }
            String body = HtmlUrls.absolute(html, link != null ? link : base);
            OffsetDateTime date = seen != null ? OffsetDateTime.parse(seen.date) : firstDate(e, now);
            OffsetDateTime modified = null;
            if (seen != null) {
                OffsetDateTime told = e.updated();
                modified = told != null && told.isAfter(date) && !told.toInstant().isAfter(now) ? told
                        : OffsetDateTime.ofInstant(now, zone);
            } else if (e.updated() != null && e.updated().isAfter(date) && !e.updated().toInstant().isAfter(now)) {
                modified = e.updated();
            }
            List<String> categories = config.category() == null ? List.of() : List.of(config.category());
            String file = seen != null ? seen.file : date.toLocalDate() + "-" + key + ".html";
            EntryFile entry = new EntryFile(key, title, date, modified, categories, tags, author, name(), link,
                    summary, body);
            Path path = folder.resolve(file);
            try {
                entry.write(path);
            } catch (IOException ex) {
                LOG.warn("upstream {}: cannot write {}: {}", name(), path, ex.getMessage());
                o.skipped++;
                failedWrites++;
                continue;
            }
            o.changed.add(path);
            if (seen == null) {
                seen = new UpstreamState.Seen();
                seen.file = file;
                seen.date = date.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                seen.firstSeen = now.toEpochMilli();
                seen.lastSeen = seen.firstSeen;
                state.entries.put(key, seen);
                o.added++;
            } else {
                o.updated++;
            }
            seen.digest = digest;
            seen.link = normalisedLink;
        }
        return failedWrites;
    }

    /** The date an entry is first written with: its own, else when it was first seen; never ahead of now. */
    private OffsetDateTime firstDate(ParsedFeed.Entry e, Instant now) {
        OffsetDateTime date = e.published() != null ? e.published() : e.updated();
        if (date == null || date.toInstant().isAfter(now)) {
            return OffsetDateTime.ofInstant(now, zone).withNano(0);
        }
        return date.withNano(0);
    }

    /**
     * Forgets entries the upstream has not listed for {@value #FORGET_DAYS} days, so the state
     * stays the size of the upstream's window, not of its history. Their files stay; should such
     * an entry come back, it is known again by its identity (same key and, with a date, same id).
     */
    private void forget(Instant now) {
        long limit = now.minus(Duration.ofDays(FORGET_DAYS)).toEpochMilli();
        state.entries.entrySet().removeIf(e -> {
            UpstreamState.Seen seen = e.getValue();
            // with keep_days, an entry is forgotten only once its file is deleted: expire() walks the state
            boolean forget = Math.max(seen.lastSeen, seen.firstSeen) < limit && (config.keepDays() <= 0 || seen.expired);
            if (forget) {
                claims.remove(KEY + e.getKey(), scope);
                if (seen.link != null) {
                    claims.remove(LINK + seen.link, e.getKey());
                }
            }
            return forget;
        });
    }

    /** Deletes entry files older than {@code keep_days}; they stay known, so they are not written again. */
    private Set<Path> expire(Instant now) {
        if (config.keepDays() <= 0) {
            return Set.of();
        }
        Instant limit = now.minus(Duration.ofDays(config.keepDays()));
        Set<Path> deleted = new LinkedHashSet<>();
        for (UpstreamState.Seen seen : state.entries.values()) {
            if (!seen.expired && OffsetDateTime.parse(seen.date).toInstant().isBefore(limit)) {
                Path path = folder.resolve(seen.file);
                try {
                    Files.deleteIfExists(path);
                    seen.expired = true;
                    deleted.add(path);
                } catch (IOException e) {
                    LOG.warn("upstream {}: cannot delete {} (older than keep_days): {}", name(), path, e.getMessage());
                }
            }
        }
        return deleted;
    }

    /** Entry files written so far and not expired, as of the last poll (read by status pages on other threads). */
    int total() {
        return total;
    }

    private int countTotal() {
        int n = 0;
        for (UpstreamState.Seen seen : state.entries.values()) {
            n += seen.expired ? 0 : 1;
        }
        return n;
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
        try {
            state.save(folder);
            savedAt = UpstreamState.modified(folder);
        } catch (IOException io) {
            LOG.warn("upstream {}: cannot save its state in {}: {}", name(), folder, io.getMessage());
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
