package io.posthorn.embed;

import io.posthorn.clean.Variant;
import io.posthorn.feed.EntryFilter;
import io.posthorn.feed.FeedRequest;
import io.posthorn.feed.Format;
import io.posthorn.index.FeedKey;
import java.util.Objects;

/**
 * One rendered embed document: which feed, JSON or iframe page, how many headlines and the
 * options of that format. Used as a cache key, so options that do not apply to the format are
 * normalised away ({@code summary} is JSON only, {@code theme} is the page's only): two URLs
 * that give the same bytes share one cache entry.
 *
 * @param limit   headlines as asked with {@code ?limit=}, or 0 when not asked (the default)
 * @param summary whether the JSON carries each article's summary ({@code ?summary=1})
 * @param theme   the page's colours ({@code ?theme=})
 * @param filter  which headlines to keep ({@code ?q=}, {@code ?not=}, as for feeds), or null for all
 * @param variant the written form of Chinese ({@code ?variant=}, as for feeds)
 * @param live    whether the iframe page keeps itself up to date from the feed's event stream ({@code ?live=1})
 */
public record EmbedRequest(FeedKey key, EmbedFormat format, int limit, boolean summary, Theme theme,
                           EntryFilter filter, Variant variant, boolean live) {
    public EmbedRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(variant, "variant");
        if (format == EmbedFormat.SCRIPT) {
            throw new IllegalArgumentException("the embed script is static, not rendered per feed: " + key);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        if (format != EmbedFormat.HTML) {
            theme = Theme.LIGHT;
        }
        if (format != EmbedFormat.JSON) {
            summary = false;
        }
        if (format != EmbedFormat.HTML) {
            live = false;
        }
    }

    public EmbedRequest(FeedKey key, EmbedFormat format, int limit, boolean summary, Theme theme) {
        this(key, format, limit, summary, theme, null, Variant.SIMPLIFIED, false);
    }

    public EmbedRequest(FeedKey key, EmbedFormat format) {
        this(key, format, 0, false, Theme.LIGHT);
    }

    /** The feed these headlines come from, as a feed request of {@code format}: same filter, same variant. */
    public FeedRequest feed(Format feedFormat) {
        return new FeedRequest(key, feedFormat, 0, 0, filter, variant);
    }

    /** The path this document is served at, without the leading slash or query. */
    public String path() {
        return key.pathUnder("embed") + "." + format.extension();
    }
}
