package io.posthorn.http;

import io.posthorn.cache.FeedCache;
import io.posthorn.cache.RenderedFeed;
import io.posthorn.embed.EmbedRequest;
import io.posthorn.feed.FeedRequest;
import io.posthorn.feed.OutOfRangeException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves rendered feeds and embed documents: a cache hit is answered on the I/O thread with no
 * copying (the cached direct buffers go to the socket as they are); a miss is rendered once on a
 * worker thread. Honours If-None-Match / If-Modified-Since
 * and gzip.
 * Thread-safe: stateless apart from the shared cache.
 */
final class FeedHandler {
    private static final io.undertow.util.HttpString LINK = io.undertow.util.HttpString.tryFromString("Link");

    private static final Logger LOG = LoggerFactory.getLogger(FeedHandler.class);

    private final FeedCache cache;
    private final String cacheControl;

    FeedHandler(FeedCache cache, int maxAgeSeconds) {
        this.cache = cache;
        this.cacheControl = "public, max-age=" + maxAgeSeconds;
    }

    void serve(HttpServerExchange exchange, FeedRequest request) {
        serve(exchange, request.path(), cache.cached(request), () -> cache.get(request));
    }

    void serve(HttpServerExchange exchange, EmbedRequest request) {
        serve(exchange, request.path(), cache.cached(request), () -> cache.get(request));
    }

    /** Answers with the cached {@code hit}, or renders once with {@code render} on a worker thread. */
    private void serve(HttpServerExchange exchange, String path, RenderedFeed hit,
                       Supplier<Optional<RenderedFeed>> render) {
        if (hit != null) {
            respond(exchange, hit);
        } else if (exchange.isInIoThread()) {
            exchange.dispatch(ex -> render(ex, path, render));
        } else {
            render(exchange, path, render);
        }
    }

    private void render(HttpServerExchange exchange, String path, Supplier<Optional<RenderedFeed>> render) {
        Optional<RenderedFeed> feed;
        try {
            feed = render.get();
        } catch (OutOfRangeException e) {
            Responses.plain(exchange, StatusCodes.BAD_REQUEST, "Bad parameter page: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.error("cannot render /{}", path, e);
            Responses.plain(exchange, StatusCodes.INTERNAL_SERVER_ERROR, "Internal error while rendering this feed");
            return;
        }
        if (feed.isEmpty()) {
            Responses.plain(exchange, StatusCodes.NOT_FOUND, "No such feed: /" + path);
        } else {
            respond(exchange, feed.get());
        }
    }

    /** Answers with {@code feed}, honouring validators, gzip and HEAD. */
    void respond(HttpServerExchange exchange, RenderedFeed feed) {
        boolean gzip = acceptsGzip(exchange.getRequestHeaders().getFirst(Headers.ACCEPT_ENCODING));
        String etag = gzip ? feed.gzipEtag() : feed.etag();
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.ETAG, etag);
        headers.put(Headers.LAST_MODIFIED, feed.lastModifiedHeader());
        headers.put(Headers.CACHE_CONTROL, cacheControl);
        headers.put(Headers.VARY, "Accept-Encoding");
        if (feed.link() != null) {
            headers.put(LINK, feed.link());
        }
        if (Conditional.notModified(exchange, etag, feed.lastModified())) {
            exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
            exchange.endExchange();
            return;
        }
        ByteBuffer body = gzip ? feed.gzip() : feed.body();
        headers.put(Headers.CONTENT_TYPE, feed.contentType());
        if (gzip) {
            headers.put(Headers.CONTENT_ENCODING, "gzip");
        }
        Responses.send(exchange, body);
    }

    /** Whether Accept-Encoding allows gzip (explicitly or by {@code *}) with a non-zero q. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].strip().toLowerCase(java.util.Locale.ROOT);
            if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
                double q = 1;
                for (int i = 1; i < pieces.length; i++) {
                    String p = pieces[i].strip();
                    if (p.startsWith("q=")) {
                        try {
                            q = Double.parseDouble(p.substring(2));
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                if (q > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
