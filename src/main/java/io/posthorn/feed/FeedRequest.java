package io.posthorn.feed;

import io.posthorn.clean.Variant;
import io.posthorn.index.FeedKey;
import java.util.Objects;

/**
 * One renderable feed document: which articles, in which format, which page, in which written form
 * of Chinese. Used as a cache key.
 *
 * @param limit entries per page as asked with {@code ?limit=}, or 0 when not asked (the configured default)
 * @param page  1-based page as asked with {@code ?page=}, or 0 when not asked (the first page)
 * @param filter  which entries to keep ({@code ?q=}, {@code ?not=}), or null for all
 * @param variant the written form of Chinese ({@code ?variant=}), {@link Variant#SIMPLIFIED} for the original
 */
public record FeedRequest(FeedKey key, Format format, int limit, int page, EntryFilter filter, Variant variant) {
    public FeedRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(variant, "variant");
        if (limit < 0 || page < 0) {
            throw new IllegalArgumentException("limit and page must be >= 0: " + limit + ", " + page);
        }
    }

    public FeedRequest(FeedKey key, Format format) {
        this(key, format, 0, 0, null, Variant.SIMPLIFIED);
    }

    public FeedRequest(FeedKey key, Format format, int limit, int page) {
        this(key, format, limit, page, null, Variant.SIMPLIFIED);
    }

    /** The path this document is served at, without the leading slash or query. */
    public String path() {
        return key.path() + "." + format.extension();
    }

    /** The query that selects this document, canonical order, e.g. {@code ?limit=10&page=2}, or empty. */
    public String query() {
        if (limit == 0 && page == 0 && filter == null && variant == Variant.SIMPLIFIED) {
            return "";
        }
        StringBuilder q = new StringBuilder("?");
        if (limit > 0) {
            q.append("limit=").append(limit);
        }
        if (page > 0) {
            q.append(q.length() > 1 ? "&" : "").append("page=").append(page);
        }
        if (filter != null) {
            q.append(q.length() > 1 ? "&" : "").append(filter.query());
        }
        if (variant != Variant.SIMPLIFIED) {
            q.append(q.length() > 1 ? "&" : "").append("variant=").append(variant.parameter());
        }
        return q.toString();
    }

    /** The same feed in another format. */
    public FeedRequest withFormat(Format other) {
        return new FeedRequest(key, other, limit, page, filter, variant);
    }

    /** The same feed and format at another page (0 for the unpaged first document). */
    public FeedRequest withPage(int other) {
        return new FeedRequest(key, format, limit, other, filter, variant);
    }
}
