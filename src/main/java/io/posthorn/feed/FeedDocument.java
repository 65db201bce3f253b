package io.posthorn.feed;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a feed says, independent of its format.
 *
 * @param updated the newest entry's {@code updated}, or the epoch for an empty feed: never the
 *                time of rendering, so bytes change only when content does
 */
public record FeedDocument(FeedRequest request, String id, String title, String selfUrl, String htmlUrl,
                           Instant updated, Paging paging, List<FeedEntry> entries) {
    public FeedDocument {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(selfUrl, "selfUrl");
        Objects.requireNonNull(htmlUrl, "htmlUrl");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(paging, "paging");
        entries = List.copyOf(entries);
    }
}
