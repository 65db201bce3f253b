package io.posthorn.clean;

import java.util.Objects;
import java.util.Optional;

/**
 * An article's cleaned body.
 *
 * @param html    safelisted HTML with absolute URLs, ending with the attribution paragraph
 * @param summary  plain text, cut to the configured length, ending with {@code 文章来源：X}
 * @param original the original article (the body's autolink, see {@link OriginalLink}), or null
 */
public record CleanContent(String html, String summary, String original) {
    public CleanContent {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(summary, "summary");
    }

    /** Approximate heap size in bytes, for cache weighing. */
    public int weight() {
        return 64 + 2 * (html.length() + summary.length() + (original == null ? 0 : original.length()));
    }

    public Optional<String> originalUrl() {
        return Optional.ofNullable(original);
    }
}
