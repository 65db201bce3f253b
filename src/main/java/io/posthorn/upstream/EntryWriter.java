package io.posthorn.upstream;

import io.posthorn.clean.HtmlUrls;
import io.posthorn.clean.PlainText;
import io.posthorn.config.SourceKind;
import io.posthorn.feed.ParsedFeed;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an upstream's entries become: article files in its folder, one per entry known by
 * {@link Identity}, written when new or changed (same file, same id, new {@code last_modified_at}),
 * never again when unchanged or deleted by the operator, deleted past {@code keep_days}, and
 * forgotten once the upstream has not listed them for {@value #FORGET_DAYS} days. The keys and
 * links it writes are claimed across every upstream, so one story is kept once.
 *
 * <p>Not thread-safe: the poll of its upstream owns it, and the state it is given.
 */
final class EntryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(EntryWriter.class);
    private static final int TITLE_FROM_BODY_CHARS = 60;
    private static final int FORGET_DAYS = 30;
    /** Prefixes of the shared claims: an article key (to its upstream's scope), a normalised link (to its key). */
    private static final String KEY = "key:";
    private static final String LINK = "link:";

    private final SourceKind.Upstream config;
    private final Path folder;
    private final String scope;
    private final ZoneId zone;
    private final Map<String, String> claims;
    private final Supplier<String> name;

    /** What one document's entries came to. */
    static final class Written {
        int added;
        int updated;
        int unchanged;
        int duplicates;
        int skipped;
        int failedWrites;
        final Set<Path> changed = new HashSet<>();
    }

    /**
     * @param scope  stable name of the upstream for ids that are not URLs (its folder, relative to feeds.yml)
     * @param claims across every upstream: article keys to the scope of the upstream that writes
     *               them, normalised links to the key of the entry that holds them
     * @param name   the upstream's attribution, for the files and the log
     */
    EntryWriter(SourceKind.Upstream config, Path folder, String scope, ZoneId zone, Map<String, String> claims,
                Supplier<String> name) {
        this.config = config;
        this.folder = folder;
        this.scope = scope;
        this.zone = zone;
        this.claims = claims;
        this.name = name;
    }

    /** Claims what {@code state} says this upstream wrote (at start, before any poll). */
    void claimAll(UpstreamState state) {
        for (var e : state.entries.entrySet()) {
            claims.putIfAbsent(KEY + e.getKey(), scope);
            if (e.getValue().link != null) {
                claims.putIfAbsent(LINK + e.getValue().link, e.getKey());
            }
        }
    }

    /** Writes what is new or changed in {@code feed} (fetched from {@code url}) and records it in {@code state}. */
    Written write(UpstreamState state, ParsedFeed feed, URI url, Instant now) {
        Written o = new Written();
        Set<String> inDocument = new HashSet<>();
        String base = feed.link() != null ? feed.link() : url.toString();
        for (ParsedFeed.Entry e : feed.entries()) {
            String title = e.title() == null ? "" : PlainText.of(e.title());
            String html = e.html() == null ? "" : e.html();
            // the body's text is needed only for an entry without a title (most have one)
            String bodyText = title.isEmpty() ? PlainText.of(html) : "";
            if (title.isEmpty() && bodyText.isEmpty()) {
                o.skipped++;
                LOG.info("upstream {}: entry {} skipped: it has neither title nor content", name.get(),
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
                LOG.info("upstream {}: entry {} skipped: another upstream ({}) already keeps it", name.get(), key, keyOwner);
                continue;
            }
            String link = e.link();
            String normalisedLink = link == null ? null : Identity.normalised(link);
            if (normalisedLink != null) {
                String owner = claims.putIfAbsent(LINK + normalisedLink, key);
                if (owner != null && !owner.equals(key)) {
                    o.duplicates++;
                    LOG.info("upstream {}: entry {} skipped: the same story ({}) is already kept from another "
                            + "entry ({})", name.get(), key, link, owner);
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
            EntryFile entry = new EntryFile(key, title, date, modified, categories, tags, author, name.get(), link,
                    summary, body);
            Path path = folder.resolve(file);
            try {
                entry.write(path);
            } catch (IOException ex) {
                LOG.warn("upstream {}: cannot write {}: {}", name.get(), path, ex.getMessage());
                o.skipped++;
                o.failedWrites++;
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
        return o;
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
    void forget(UpstreamState state, Instant now) {
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
    Set<Path> expire(UpstreamState state, Instant now) {
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
                    LOG.warn("upstream {}: cannot delete {} (older than keep_days): {}", name.get(), path, e.getMessage());
                }
            }
        }
        return deleted;
    }

    /** Entry files written and not expired. */
    static int kept(UpstreamState state) {
        int n = 0;
        for (UpstreamState.Seen seen : state.entries.values()) {
            n += seen.expired ? 0 : 1;
        }
        return n;
    }
}
