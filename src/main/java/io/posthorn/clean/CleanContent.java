package io.posthorn.clean;

import java.util.Objects;

/**
 * An article's cleaned body.
 *
 * @param html    safelisted HTML with absolute URLs, ending with the attribution paragraph
 * @param summary plain text, cut to the configured length, ending with {@code 文章来源：X}
 */
public record CleanContent(String html, String summary) {
    public CleanContent {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(summary, "summary");
    }

    /** Approximate heap size in bytes, for cache weighing. */
    public int weight() {
        return 64 + 2 * (html.length() + summary.length());
    }
}
