package io.posthorn.http;

import io.posthorn.cache.RenderedFeed;
import io.posthorn.embed.EmbedFormat;
import io.posthorn.embed.EmbedRequest;
import io.posthorn.embed.EmbedScript;
import io.posthorn.embed.HeadlinesPageWriter;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The headers and answers that make {@code /embed/} usable from other sites: CORS on every
 * answer (public data, no credentials, so {@code *}), the {@code OPTIONS} preflight, the iframe
 * page's framing policy, and the static script. The documents themselves are cached, ETagged and
 * gzipped like feeds and answered by {@link FeedHandler}. Thread-safe: immutable.
 */
final class EmbedHandler {
    /** Methods of every {@code /embed/} path, for {@code Allow} and the preflight. */
    static final String ALLOW = "GET, HEAD, OPTIONS";
    /** Request headers a cross-origin script may send: the validators, for its own revalidation. */
    private static final List<String> ALLOWED_HEADERS = List.of("If-None-Match", "If-Modified-Since");
    private static final Set<String> ALLOWED_LOWER = Set.of("if-none-match", "if-modified-since");
    /** Browsers cap this (Chromium at 2 h); the answer never changes, so ask for a day. */
    private static final String MAX_AGE = "86400";

    private static final HttpString ALLOW_ORIGIN = HttpString.tryFromString("Access-Control-Allow-Origin");
    private static final HttpString EXPOSE_HEADERS = HttpString.tryFromString("Access-Control-Expose-Headers");
    private static final HttpString ALLOW_METHODS = HttpString.tryFromString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = HttpString.tryFromString("Access-Control-Allow-Headers");
    private static final HttpString REQUEST_HEADERS = HttpString.tryFromString("Access-Control-Request-Headers");
    private static final HttpString PREFLIGHT_MAX_AGE = HttpString.tryFromString("Access-Control-Max-Age");
    private static final HttpString NOSNIFF = HttpString.tryFromString("X-Content-Type-Options");

    private final FeedHandler feeds;
    private final RenderedFeed script;

    EmbedHandler(FeedHandler feeds, EmbedScript script) {
        this.feeds = feeds;
        this.script = RenderedFeed.of(script.bytes(), script.lastModified(), EmbedFormat.SCRIPT.contentType());
    }

    /** Headers of every {@code /embed/} answer, errors and 304s included, so a script can read them. */
    static void cors(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(ALLOW_ORIGIN, "*");
        headers.put(EXPOSE_HEADERS, "ETag, Last-Modified");
        headers.put(NOSNIFF, "nosniff");
    }

    /**
     * The CORS preflight (and a plain {@code OPTIONS}): 204 with the methods, the requested
     * headers that are allowed (a browser refuses the request when one it asked for is missing)
     * and how long to remember the answer. Answered for any {@code /embed/} path, so a request for
     * an unknown feed fails with a readable 404 rather than a failed preflight.
     */
    static void preflight(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.ALLOW, ALLOW);
        headers.put(ALLOW_METHODS, ALLOW);
        String requested = exchange.getRequestHeaders().getFirst(REQUEST_HEADERS);
        String allowed = requested == null ? String.join(", ", ALLOWED_HEADERS) : allowedOf(requested);
        if (!allowed.isEmpty()) {
            headers.put(ALLOW_HEADERS, allowed);
        }
        headers.put(PREFLIGHT_MAX_AGE, MAX_AGE);
        exchange.setStatusCode(StatusCodes.NO_CONTENT);
        exchange.endExchange();
    }

    /** The members of an Access-Control-Request-Headers list that are allowed, as the browser spelled them. */
    static String allowedOf(String requested) {
        List<String> echo = new ArrayList<>();
        for (String name : requested.split(",")) {
            String n = name.strip();
            if (ALLOWED_LOWER.contains(n.toLowerCase(Locale.ROOT))) {
                echo.add(n);
            }
        }
        return String.join(", ", echo);
    }

    /** The headlines JSON or the iframe page; the page may be framed by any site, and does nothing else. */
    void serve(HttpServerExchange exchange, EmbedRequest request) {
        if (request.format() == EmbedFormat.HTML) {
            exchange.getResponseHeaders().put(Headers.CONTENT_SECURITY_POLICY, request.live()
                    ? HeadlinesPageWriter.LIVE_CONTENT_SECURITY_POLICY : HeadlinesPageWriter.CONTENT_SECURITY_POLICY);
        }
        feeds.serve(exchange, request);
    }

    /** The script: the same bytes (and ETag) for every feed. */
    void script(HttpServerExchange exchange) {
        feeds.respond(exchange, script);
    }
}
