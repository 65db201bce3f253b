package io.posthorn.feed;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An upstream feed document as read, in no particular format's terms. Text fields are as the
 * document gave them (titles may hold entities or markup; the upstream code makes them plain).
 * Immutable and thread-safe.
 *
 * @param title      the feed's title, or null
 * @param link       the feed's web page, or null
 * @param ttlMinutes RSS {@code ttl}, or 0 when absent
 * @param entries    in document order
 */
public record ParsedFeed(String title, String link, int ttlMinutes, List<Entry> entries) {
    public ParsedFeed {
        entries = List.copyOf(entries);
    }

    /**
     * One entry.
     *
     * @param id         guid / id, or null
     * @param link       the entry's web page (already resolved against the document's base), or null
     * @param html       the richest body the document gave (content, else description or summary), or null
     * @param summary    a separate, shorter summary when the document gave both, or null
     * @param published  null when the document gave none (or none that could be read)
     * @param updated    null when the document gave none
     * @param authors    names
     * @param categories category / tag names
     */
    public record Entry(String id, String link, String title, String html, String summary,
                        OffsetDateTime published, OffsetDateTime updated, List<String> authors,
                        List<String> categories) {
        public Entry {
            authors = List.copyOf(authors);
            categories = List.copyOf(categories);
        }
    }
}
