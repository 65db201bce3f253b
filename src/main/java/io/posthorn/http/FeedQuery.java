package io.posthorn.http;

import io.posthorn.clean.Variant;
import io.posthorn.feed.EntryFilter;
import io.posthorn.feed.FeedRequest;
import io.posthorn.feed.Format;
import io.posthorn.index.FeedKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code ?limit=}, {@code ?page=}, the filters ({@code ?q=}, {@code ?not=}, and RSSHub's
 * {@code filter}, {@code filter_title}, {@code filterout}; see {@link EntryFilter}) and the variant
 * ({@code ?variant=}, RSSHub's {@code opencc}; see {@link Variant}) of a feed URL. Values must be plain decimal integers
 * in range; anything else is a one-line reason for a 400. Unknown parameters (cache busters some
 * readers add) are ignored. Thread-safe: stateless apart from the configured maximum.
 */
final class FeedQuery {
    private static final int MAX_PAGE = 1_000_000;

    private final int maxLimit;

    FeedQuery(int maxLimit) {
        this.maxLimit = maxLimit;
    }

    /** The request, or a reason why the query is bad. */
    record Parsed(FeedRequest request, String error) {
    }

    Parsed parse(FeedKey key, Format format, String rawQuery) {
        Map<String, String> params = params(rawQuery);
        Optional<Integer> limit = Optional.empty();
        Optional<Integer> page = Optional.empty();
        if (params.containsKey("limit")) {
            limit = limit(params.get("limit"));
            if (limit.isEmpty()) {
                return new Parsed(null, limitError());
            }
        }
        if (params.containsKey("page")) {
            page = number(params.get("page"), 1, MAX_PAGE);
            if (page.isEmpty()) {
                return new Parsed(null, "Bad parameter page: must be a whole number from 1");
            }
        }
        Selection selection;
        try {
            selection = selection(params);
        } catch (IllegalArgumentException e) {
            return new Parsed(null, e.getMessage());
        }
        return new Parsed(new FeedRequest(key, format, limit.orElse(0), page.orElse(0), selection.filter(),
                selection.variant()), null);
    }

    /** What every feed and embed URL may ask for beyond its size: which entries, and in which written form. */
    record Selection(EntryFilter filter, Variant variant) {
    }

    /**
     * The filters ({@code q}, {@code not} and RSSHub's {@code filter}, {@code filter_title},
     * {@code filterout}) and the variant ({@code variant}, RSSHub's {@code opencc}) of a query.
     *
     * @throws IllegalArgumentException with the reason for a 400
     */
    static Selection selection(Map<String, String> params) {
        EntryFilter filter = EntryFilter.of(params.get("q"), params.get("not"), params.get("filter"),
                params.get("filter_title"), params.get("filterout"));
        return new Selection(filter, Variant.of(params.get("variant"), params.get("opencc")));
    }

    /** A {@code ?limit=} value in range, or empty. Shared with the embeds, which follow the same rules. */
    Optional<Integer> limit(String text) {
        return number(text, 1, maxLimit);
    }

    /** The reason given for a bad {@code ?limit=}. */
    String limitError() {
        return "Bad parameter limit: must be a whole number from 1 to " + maxLimit;
    }

    /** First value of each parameter, percent-decoded; a malformed value is kept raw (and fails later). */
    static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            String decodedName = PathSegments.decode(name.replace('+', ' ')).orElse(name);
            params.putIfAbsent(decodedName, PathSegments.decode(value.replace('+', ' ')).orElse(value));
        }
        return params;
    }

    private static Optional<Integer> number(String text, int min, int max) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int n = Integer.parseInt(text);
        return n < min || n > max ? Optional.empty() : Optional.of(n);
    }
}
