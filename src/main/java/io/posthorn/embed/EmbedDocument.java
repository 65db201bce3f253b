package io.posthorn.embed;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an embed says, independent of its format.
 *
 * @param title     the feed's title, e.g. {@code 财经新闻 · 智通财经网}
 * @param pageUrl   the feed's readable page (its HTML preview)
 * @param feedUrl   the feed's Atom URL, for readers who want to subscribe
 * @param updated   the newest shown headline's {@code updated}, or the epoch when there is none:
 *                  never the time of rendering
 * @param headlines newest first
 * @param limit     how many headlines it shows at most (the request's, or the default)
 */
public record EmbedDocument(EmbedRequest request, String title, String pageUrl, String feedUrl, Instant updated,
                            List<Headline> headlines, int limit) {
    public EmbedDocument {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(pageUrl, "pageUrl");
        Objects.requireNonNull(feedUrl, "feedUrl");
        Objects.requireNonNull(updated, "updated");
        headlines = List.copyOf(headlines);
    }
}
