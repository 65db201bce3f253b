package io.posthorn.http;

import io.posthorn.embed.EmbedFormat;
import io.posthorn.embed.EmbedRequest;
import io.posthorn.embed.Theme;
import io.posthorn.index.FeedKey;
import java.util.Map;

/**
 * Reads the query of an embed URL: {@code ?limit=}, the filters and {@code ?variant=} (the feeds'
 * rules), {@code ?summary=0|1} (JSON), {@code ?theme=light|dark} and {@code ?live=0|1} (iframe page). A bad value is a one-line reason for a 400;
 * parameters that do not apply to the format are ignored, like unknown ones. Thread-safe:
 * stateless apart from the shared limit rules.
 */
final class EmbedQuery {
    private final FeedQuery feeds;

    EmbedQuery(FeedQuery feeds) {
        this.feeds = feeds;
    }

    /** The request, or a reason why the query is bad. */
    record Parsed(EmbedRequest request, String error) {
    }

    Parsed parse(FeedKey key, EmbedFormat format, String rawQuery) {
        Map<String, String> params = FeedQuery.params(rawQuery);
        try {
            int limit = 0;
            if (params.containsKey("limit")) {
                limit = feeds.limit(params.get("limit")).orElseThrow(() -> new IllegalArgumentException(feeds.limitError()));
            }
            boolean summary = format == EmbedFormat.JSON && flag(params, "summary");
            Theme theme = Theme.LIGHT;
            if (format == EmbedFormat.HTML && params.containsKey("theme")) {
                theme = Theme.fromValue(params.get("theme"))
                        .orElseThrow(() -> new IllegalArgumentException("Bad parameter theme: must be light or dark"));
            }
            boolean live = format == EmbedFormat.HTML && flag(params, "live");
            FeedQuery.Selection selection = FeedQuery.selection(params);
            return new Parsed(new EmbedRequest(key, format, limit, summary, theme, selection.filter(), selection.variant(),
                    live), null);
        } catch (IllegalArgumentException e) {
            return new Parsed(null, e.getMessage());
        }
    }

    /** A {@code 0|1} parameter; absent is 0. */
    private static boolean flag(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.equals("0")) {
            return false;
        }
        if (!value.equals("1")) {
            throw new IllegalArgumentException("Bad parameter " + name + ": must be 0 or 1");
        }
        return true;
    }
}
