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
 */
public record Article(String key, String id, SourceFile file, long fingerprint, String title,
                      OffsetDateTime published, OffsetDateTime updated,
                      List<String> categories, List<String> tags,
                      String source, String summary) {
    public Article {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(updated, "updated");
        categories = List.copyOf(categories);
        tags = List.copyOf(tags);
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) <= 0x20 || id.charAt(i) >= 0x7F) {
                throw new IllegalArgumentException("id must be printable ASCII: " + id);
            }
        }
    }

    public Optional<String> sourceName() {
        return Optional.ofNullable(source);
    }
}
