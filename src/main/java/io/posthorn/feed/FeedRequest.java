package io.posthorn.feed;

import io.posthorn.index.FeedKey;
import java.util.Objects;

/**
 * One renderable feed document: which articles, in which format, which page. Used as a cache key.
 *
 * @param limit entries per page as asked with {@code ?limit=}, or 0 when not asked (the configured default)
 * @param page  1-based page as asked with {@code ?page=}, or 0 when not asked (the first page)
 */
public record FeedRequest(FeedKey key, Format format, int limit, int page) {
    public FeedRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(format, "format");
        if (limit < 0 || page < 0) {
            throw new IllegalArgumentException("limit and page must be >= 0: " + limit + ", " + page);
        }
    }

    public FeedRequest(FeedKey key, Format format) {
        this(key, format, 0, 0);
    }

    /** The path this document is served at, without the leading slash or query. */
    public String path() {
        return key.path() + "." + format.extension();
    }

    /** The query that selects this document, canonical order, e.g. {@code ?limit=10&page=2}, or empty. */
    public String query() {
        if (limit == 0 && page == 0) {
            return "";
        }
        StringBuilder q = new StringBuilder("?");
        if (limit > 0) {
            q.append("limit=").append(limit);
        }
        if (page > 0) {
            q.append(limit > 0 ? "&" : "").append("page=").append(page);
        }
        return q.toString();
    }

    /** The same feed in another format. */
    public FeedRequest withFormat(Format other) {
        return new FeedRequest(key, other, limit, page);
    }

    /** The same feed and format at another page (0 for the unpaged first document). */
    public FeedRequest withPage(int other) {
        return new FeedRequest(key, format, limit, other);
    }
}
