package io.posthorn.article;

import io.posthorn.source.SourceFile;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One article as the index holds it: front matter and the facts found cheaply in the body, but
 * not the body itself (re-read on demand). Immutable and thread-safe. All text fields are plain
 * text, free of markup and of XML-illegal characters.
 *
 * @param key          the article's own key: front-matter {@code id}, else its path under the
 *                     source folder without extension; unique in an index
 * @param id           the entry id, a {@code tag:} URI, pure ASCII, independent of the base URL
 * @param file         where it was read from
 * @param fingerprint  changes whenever the file changes (size and modification time)
 * @param source       the attributed source name, or null when neither the body nor the
 *                     category map names one
 * @param summary      a front-matter {@code summary}/{@code excerpt}, or null
 * @param author       the front-matter {@code author} (names joined by {@code , }), or null: then
 *                     the attribution is the author
 * @param link         the front-matter {@code link}, an absolute http(s) URL of the original
 *                     article (the entry's {@code via}), or null: then the body's autolink is used
 * @param slug         the front-matter {@code slug}, or null (Jekyll's {@code :title} and {@code :slug})
 * @param permalink    the front-matter {@code permalink} (a Jekyll URL template), or null
 * @param floatingDate whether the front-matter date had no offset: Jekyll reads such a YAML
 *                     timestamp as UTC, which its URLs then show in the site's zone
 * @param stocks       the securities it is about, {@code CODE.MARKET} (see {@link Securities})
 * @param stockNames   the name written before each of {@code stocks} here, {@code ""} when none
 */
public record Article(String key, String id, SourceFile file, long fingerprint, String title,
                      OffsetDateTime published, OffsetDateTime updated,
                      List<String> categories, List<String> tags,
                      String source, String summary, String author, String link, String slug, String permalink,
                      boolean floatingDate, List<String> stocks, List<String> stockNames) {
    public Article {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(updated, "updated");
        categories = List.copyOf(categories);
        tags = List.copyOf(tags);
        stocks = List.copyOf(stocks);
        stockNames = List.copyOf(stockNames);
        if (stocks.size() != stockNames.size()) {
            throw new IllegalArgumentException("one name per stock: " + stocks + " " + stockNames);
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) <= 0x20 || id.charAt(i) >= 0x7F) {
                throw new IllegalArgumentException("id must be printable ASCII: " + id);
            }
        }
    }

    /** An article without front-matter author or link. */
    public Article(String key, String id, SourceFile file, long fingerprint, String title,
                   OffsetDateTime published, OffsetDateTime updated, List<String> categories, List<String> tags,
                   String source, String summary) {
        this(key, id, file, fingerprint, title, published, updated, categories, tags, source, summary, null, null);
    }

    /** An article without front-matter slug or permalink, its date with an offset. */
    public Article(String key, String id, SourceFile file, long fingerprint, String title,
                   OffsetDateTime published, OffsetDateTime updated, List<String> categories, List<String> tags,
                   String source, String summary, String author, String link) {
        this(key, id, file, fingerprint, title, published, updated, categories, tags, source, summary, author, link,
                null, null, false, List.of(), List.of());
    }

    public Optional<String> sourceName() {
        return Optional.ofNullable(source);
    }
}
