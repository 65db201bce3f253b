package io.posthorn.http;

import io.posthorn.embed.EmbedFormat;
import io.posthorn.embed.EmbedRequest;
import io.posthorn.embed.Theme;
import io.posthorn.index.FeedKey;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the query of an embed URL: {@code ?limit=}, the filters and {@code ?variant=} (the feeds'
 * rules), {@code ?summary=0|1} (JSON) and {@code ?theme=light|dark} (iframe page). A bad value is a one-line reason for a 400;
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
        int limit = 0;
        if (params.containsKey("limit")) {
            Optional<Integer> parsed = feeds.limit(params.get("limit"));
            if (parsed.isEmpty()) {
                return new Parsed(null, feeds.limitError());
            }
            limit = parsed.get();
        }
        boolean summary = false;
        if (format == EmbedFormat.JSON && params.containsKey("summary")) {
            String value = params.get("summary");
            if (!value.equals("0") && !value.equals("1")) {
                return new Parsed(null, "Bad parameter summary: must be 0 or 1");
            }
            summary = value.equals("1");
        }
        Theme theme = Theme.LIGHT;
        if (format == EmbedFormat.HTML && params.containsKey("theme")) {
            Optional<Theme> parsed = Theme.fromValue(params.get("theme"));
            if (parsed.isEmpty()) {
                return new Parsed(null, "Bad parameter theme: must be light or dark");
            }
            theme = parsed.get();
        }
        FeedQuery.Selection selection;
        try {
            selection = FeedQuery.selection(params);
        } catch (IllegalArgumentException e) {
            return new Parsed(null, e.getMessage());
        }
        boolean live = false;
        if (format == EmbedFormat.HTML && params.containsKey("live")) {
            String value = params.get("live");
            if (!value.equals("0") && !value.equals("1")) {
                return new Parsed(null, "Bad parameter live: must be 0 or 1");
            }
            live = value.equals("1");
        }
        return new Parsed(new EmbedRequest(key, format, limit, summary, theme, selection.filter(), selection.variant(),
                live), null);
    }
}
