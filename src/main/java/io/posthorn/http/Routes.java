package io.posthorn.http;

import io.posthorn.cache.ContentCache;
import io.posthorn.cache.FeedCache;
import io.posthorn.feed.FeedRequest;
import io.posthorn.feed.Format;
import io.posthorn.feed.Links;
import io.posthorn.index.FeedKey;
import io.posthorn.index.FeedKind;
import io.posthorn.index.IndexSnapshot;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every route, in one place:
 * <pre>
 *   /                                  index page
 *   /healthz                           liveness
 *   /feeds/all.{ext}                   every article
 *   /feeds/{categories|tags|sources}/{name}.{ext}
 *   /articles/{key}                    article page ({key} may hold '/')
 * </pre>
 * Paths are split before they are percent-decoded, and names are looked up in the snapshot,
 * never on disk. GET and HEAD only (405 with Allow otherwise). Thread-safe.
 */
public final class Routes implements HttpHandler {
    private static final String ALLOW = "GET, HEAD";

    private final Supplier<IndexSnapshot> snapshots;
    private final FeedHandler feeds;
    private final ArticlePage articlePage;
    private final PerSnapshot<byte[]> indexPage;

    public Routes(Supplier<IndexSnapshot> snapshots, Links links, FeedCache feedCache, ContentCache contents,
                  int maxAgeSeconds) {
        this.snapshots = snapshots;
        this.feeds = new FeedHandler(feedCache, maxAgeSeconds);
        this.articlePage = new ArticlePage(links, contents);
        IndexPage page = new IndexPage(links);
        this.indexPage = new PerSnapshot<>(snapshots, page::render);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!Methods.GET.equals(exchange.getRequestMethod()) && !Methods.HEAD.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.ALLOW, ALLOW);
            Responses.plain(exchange, StatusCodes.METHOD_NOT_ALLOWED, "Method not allowed; use GET or HEAD");
            return;
        }
        Optional<List<String>> parsed = PathSegments.split(exchange.getRequestPath());
        if (parsed.isEmpty()) {
            Responses.plain(exchange, StatusCodes.BAD_REQUEST, "Bad request: malformed percent-encoding in the path");
            return;
        }
        List<String> path = parsed.get();
        String first = path.isEmpty() ? "" : path.get(0);
        switch (first) {
            case "" -> {
                if (path.size() <= 1) {
                    index(exchange);
                } else {
                    notFound(exchange);
                }
            }
            case "healthz" -> healthz(exchange, path);
            case "feeds" -> feed(exchange, path);
            case "articles" -> article(exchange, path);
            default -> notFound(exchange);
        }
    }

    private void index(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this::index);
            return;
        }
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "public, max-age=60");
        Responses.html(exchange, indexPage.get());
    }

    private void healthz(HttpServerExchange exchange, List<String> path) {
        if (path.size() != 1) {
            notFound(exchange);
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        Responses.send(exchange, ("ok " + snapshots.get().size() + " articles\n").getBytes(StandardCharsets.UTF_8));
    }

    private void feed(HttpServerExchange exchange, List<String> path) {
        Optional<FeedRequest> request = feedRequest(path);
        if (request.isEmpty()) {
            notFound(exchange);
        } else {
            feeds.serve(exchange, request.get());
        }
    }

    /** {@code feeds/all.ext} or {@code feeds/kind/name.ext}. */
    static Optional<FeedRequest> feedRequest(List<String> path) {
        String last = path.get(path.size() - 1);
        int dot = last.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        Optional<Format> format = Format.fromExtension(last.substring(dot + 1));
        String name = last.substring(0, dot);
        if (format.isEmpty()) {
            return Optional.empty();
        }
        if (path.size() == 2 && name.equals("all")) {
            return Optional.of(new FeedRequest(FeedKey.ALL, format.get()));
        }
        if (path.size() == 3) {
            return FeedKind.fromPath(path.get(1))
                    .filter(kind -> kind != FeedKind.ALL)
                    .map(kind -> new FeedRequest(new FeedKey(kind, name), format.get()));
        }
        return Optional.empty();
    }

    private void article(HttpServerExchange exchange, List<String> path) {
        if (path.size() < 2) {
            notFound(exchange);
            return;
        }
        String key = String.join("/", path.subList(1, path.size()));
        var article = snapshots.get().article(key);
        if (article.isEmpty()) {
            notFound(exchange);
            return;
        }
        if (exchange.isInIoThread()) {
            exchange.dispatch(ex -> {
                ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "public, max-age=300");
                Responses.html(ex, articlePage.render(article.get()));
            });
            return;
        }
        Responses.html(exchange, articlePage.render(article.get()));
    }

    private static void notFound(HttpServerExchange exchange) {
        Responses.plain(exchange, StatusCodes.NOT_FOUND, "Not found");
    }
}
