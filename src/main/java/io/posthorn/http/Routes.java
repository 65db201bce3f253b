package io.posthorn.http;

import io.posthorn.cache.ContentCache;
import io.posthorn.cache.FeedCache;
import io.posthorn.cache.RenderedFeed;
import io.posthorn.clean.Variant;
import io.posthorn.embed.EmbedFormat;
import io.posthorn.embed.EmbedScript;
import io.posthorn.embed.Snippets;
import io.posthorn.feed.FeedRequest;
import io.posthorn.feed.Format;
import io.posthorn.feed.Links;
import io.posthorn.feed.OpmlWriter;
import io.posthorn.index.FeedKey;
import io.posthorn.index.FeedKind;
import io.posthorn.index.IndexSnapshot;
import io.posthorn.metrics.Metrics;
import io.posthorn.upstream.UpstreamStatus;
import io.posthorn.websub.Hub;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every route, in one place:
 * <pre>
 *   /                                  index page
 *   /opml.xml                          every feed as OPML 2.0
 *   /healthz                           liveness
 *   /metrics                           Prometheus text
 *   /feeds/all.{atom|rss|json|html}    every article (html: readable preview)
 *   /feeds/{categories|tags|sources}/{name}.{atom|rss|json|html}   ?limit=N &amp;page=N
 *   /articles/{key}                    article page ({key} may hold '/')
 *   /embed/all.{json|js|html}          headlines for other sites: json ?limit=N &amp;summary=0|1,
 *   /embed/{categories|tags|sources}/{name}.{json|js|html}   html ?limit=N &amp;theme=light|dark
 *   /embed/.../{name}.events           live headlines (Server-Sent Events)
 *   /upstreams, /upstreams.json        status of every upstream feed
 *   /topics                            every tag and stock (?q= searches the names)
 *   /websub                            the built-in WebSub hub (POST)
 * </pre>
 * Paths are split before they are percent-decoded, and names are looked up in the snapshot,
 * never on disk. GET and HEAD only (405 with Allow otherwise), plus OPTIONS (the CORS preflight)
 * under {@code /embed/}. Thread-safe.
 */
public final class Routes implements HttpHandler {
    private static final String ALLOW = "GET, HEAD";

    private final Supplier<IndexSnapshot> snapshots;
    private final FeedHandler feeds;
    private final FeedQuery query;
    private final EmbedHandler embeds;
    private final EmbedQuery embedQuery;
    private final ArticlePage articlePage;
    private final PerSnapshot<RenderedFeed> indexPage;
    private final PerSnapshot<RenderedFeed> opml;
    private final TopicsPage topicsPage;
    private final PerSnapshot<RenderedFeed> topics;
    private final Supplier<String> health;
    private final Metrics metrics;
    private final FeedCache feedCache;
    private final Supplier<List<UpstreamStatus>> upstreams;
    private final UpstreamPage upstreamPage;
    private final WebSubHandler webSub;
    private final EventStreams events;

    public Routes(Supplier<IndexSnapshot> snapshots, Links links, FeedCache feedCache, ContentCache contents,
                  int maxAgeSeconds, int maxLimit, Supplier<String> health, Metrics metrics) {
        this(snapshots, links, feedCache, contents, maxAgeSeconds, maxLimit, health, metrics, List::of);
    }

    /** @param upstreams the status of every upstream feed, for {@code /upstreams} and {@code /healthz} */
    public Routes(Supplier<IndexSnapshot> snapshots, Links links, FeedCache feedCache, ContentCache contents,
                  int maxAgeSeconds, int maxLimit, Supplier<String> health, Metrics metrics,
                  Supplier<List<UpstreamStatus>> upstreams) {
        this(snapshots, links, feedCache, contents, maxAgeSeconds, maxLimit, health, metrics, upstreams, () -> null,
                io.posthorn.config.HttpConfig.DEFAULTS.maxConnections() / 2);
    }

    /**
     * @param hub        the built-in WebSub hub, or a supplier of null when it does not run
     * @param maxStreams live-headline event streams open at most (each holds a connection)
     */
    public Routes(Supplier<IndexSnapshot> snapshots, Links links, FeedCache feedCache, ContentCache contents,
                  int maxAgeSeconds, int maxLimit, Supplier<String> health, Metrics metrics,
                  Supplier<List<UpstreamStatus>> upstreams, Supplier<Hub> hub, int maxStreams) {
        this.upstreams = upstreams;
        this.upstreamPage = new UpstreamPage(links);
        this.feedCache = feedCache;
        this.snapshots = snapshots;
        this.health = health;
        this.metrics = metrics;
        this.feeds = new FeedHandler(feedCache, maxAgeSeconds);
        this.query = new FeedQuery(maxLimit);
        this.embeds = new EmbedHandler(feeds, EmbedScript.load());
        this.embedQuery = new EmbedQuery(query);
        this.webSub = new WebSubHandler(links, query, snapshots, hub);
        this.events = new EventStreams(feedCache.embeds(), snapshots, maxStreams);
        this.articlePage = new ArticlePage(links, contents);
        IndexPage page = new IndexPage(links, new Snippets(links));
        this.indexPage = new PerSnapshot<>(snapshots, s -> RenderedFeed.of(page.render(s), s.newestUpdate(),
                "text/html; charset=utf-8"));
        this.topicsPage = new TopicsPage(links);
        this.topics = new PerSnapshot<>(snapshots, s -> RenderedFeed.of(topicsPage.render(s, null), s.newestUpdate(),
                "text/html; charset=utf-8"));
        OpmlWriter opmlWriter = new OpmlWriter(links);
        this.opml = new PerSnapshot<>(snapshots, s -> RenderedFeed.of(opmlWriter.write(s), s.newestUpdate(),
                "text/x-opml; charset=utf-8"));
    }

    /**
     * The answer to any request before the first index is in: 503 with {@code Retry-After}, never
     * cached, rather than an empty index's answers.
     */
    public static void starting(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
        Responses.plain(exchange, StatusCodes.SERVICE_UNAVAILABLE, "starting: reading the article folders");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String route = route(exchange.getRequestPath());
        exchange.addExchangeCompleteListener((ex, next) -> {
            metrics.request(route, ex.getStatusCode());
            next.proceed();
        });
        Optional<List<String>> parsed = PathSegments.split(exchange.getRequestPath());
        if (parsed.isEmpty()) {
            Responses.plain(exchange, StatusCodes.BAD_REQUEST, "Bad request: malformed percent-encoding in the path");
            return;
        }
        List<String> path = parsed.get();
        String first = path.isEmpty() ? "" : path.get(0);
        boolean embed = first.equals("embed");
        if (embed) {
            EmbedHandler.cors(exchange);
        }
        HttpString method = exchange.getRequestMethod();
        if (first.equals(Links.HUB_PATH) && path.size() == 1) {
            webSub.handle(exchange);
            return;
        }
        if (embed && Methods.OPTIONS.equals(method)) {
            EmbedHandler.preflight(exchange);
            return;
        }
        if (!Methods.GET.equals(method) && !Methods.HEAD.equals(method)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, embed ? EmbedHandler.ALLOW : ALLOW);
            Responses.plain(exchange, StatusCodes.METHOD_NOT_ALLOWED,
                    "Method not allowed; use " + (embed ? "GET, HEAD or OPTIONS" : "GET or HEAD"));
            return;
        }
        switch (first) {
            case "" -> listing(exchange, path.size() <= 1, indexPage);
            case "opml.xml" -> listing(exchange, path.size() == 1, opml);
            case "healthz" -> healthz(exchange, path);
            case "metrics" -> metrics(exchange, path);
            case "feeds" -> feed(exchange, path);
            case "embed" -> embed(exchange, path);
            case "articles" -> article(exchange, path);
            case TopicsPage.PATH -> topics(exchange, path);
            case "upstreams", "upstreams.json" -> upstreams(exchange, path);
            default -> notFound(exchange);
        }
    }

    /** The metrics label of a raw path: one of a few fixed names, so a hostile URL cannot create series. */
    private static String route(String rawPath) {
        int end = rawPath.indexOf('/', 1);
        String first = rawPath.length() <= 1 ? "" : rawPath.substring(1, end < 0 ? rawPath.length() : end);
        return switch (first) {
            case "" -> "index";
            case "opml.xml", "healthz", "metrics", "feeds", "embed", "articles", "upstreams", TopicsPage.PATH,
                    Links.HUB_PATH -> first;
            case "upstreams.json" -> "upstreams";
            default -> "other";
        };
    }

    private void metrics(HttpServerExchange exchange, List<String> path) {
        if (path.size() != 1) {
            notFound(exchange);
        } else if (exchange.isInIoThread()) {
            exchange.dispatch(ex -> metrics(ex, path));
        } else {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
            Responses.send(exchange, metrics.scrape().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A document derived from the whole snapshot, rendered once per snapshot (off the I/O thread). */
    private void listing(HttpServerExchange exchange, boolean exact, PerSnapshot<RenderedFeed> document) {
        if (!exact) {
            notFound(exchange);
        } else if (exchange.isInIoThread()) {
            exchange.dispatch(ex -> feeds.respond(ex, document.get()));
        } else {
            feeds.respond(exchange, document.get());
        }
    }

    /** An update changed {@code feeds} from {@code old} to {@code now}: the live streams send what is new. Returns at once. */
    public void changed(IndexSnapshot old, IndexSnapshot now, java.util.Set<FeedKey> feeds) {
        events.changed(old, now, feeds);
    }

    /** Event streams open now. */
    public int eventStreams() {
        return events.open();
    }

    /** Closes every event stream (the site is being replaced or stopped). */
    public void closeStreams() {
        events.close();
    }

    /** {@code topic} (a WebSub topic URL) as the feed document it names, or empty when it names none of this site's. */
    public Optional<FeedRequest> topic(String topic) {
        return Optional.ofNullable(webSub.topic(topic).request());
    }

    /** {@code /topics}: the whole list once per snapshot; a search ({@code ?q=}) is rendered each time (a few thousand names). */
    private void topics(HttpServerExchange exchange, List<String> path) {
        String q = FeedQuery.params(exchange.getQueryString()).get("q");
        if (q == null || q.isBlank()) {
            listing(exchange, path.size() == 1, topics);
        } else if (path.size() != 1) {
            notFound(exchange);
        } else if (q.length() > io.posthorn.feed.EntryFilter.MAX_CHARS || q.chars().anyMatch(Character::isISOControl)) {
            Responses.plain(exchange, StatusCodes.BAD_REQUEST, "Bad parameter q: at most "
                    + io.posthorn.feed.EntryFilter.MAX_CHARS + " characters, no control characters");
        } else if (exchange.isInIoThread()) {
            exchange.dispatch(ex -> topics(ex, path));
        } else {
            IndexSnapshot s = snapshots.get();
            feeds.respond(exchange, RenderedFeed.of(topicsPage.render(s, q), s.newestUpdate(), "text/html; charset=utf-8"));
        }
    }

    private void healthz(HttpServerExchange exchange, List<String> path) {
        if (path.size() != 1) {
            notFound(exchange);
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        String problem = health.get();
        StringBuilder text = new StringBuilder("ok ").append(snapshots.get().size()).append(" articles\n");
        if (problem != null) {
            text.append("config not reloaded: ").append(problem).append('\n');
        }
        for (UpstreamStatus s : upstreams.get()) {
            if (s.failing()) {
                text.append("upstream ").append(s.name()).append(" failing: ")
                        .append(s.gone() ? "410 Gone, polling stopped" : s.lastError() == null ? "failed" : s.lastError())
                        .append(s.failures() > 1 ? " (" + s.failures() + " polls in a row)" : "").append('\n');
            }
        }
        Responses.send(exchange, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void upstreams(HttpServerExchange exchange, List<String> path) {
        if (path.size() != 1) {
            notFound(exchange);
            return;
        }
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        if (path.get(0).endsWith(".json")) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
            exchange.getResponseHeaders().put(HttpString.tryFromString("Access-Control-Allow-Origin"), "*");
            Responses.send(exchange, upstreamPage.json(upstreams.get()));
        } else {
            Responses.html(exchange, upstreamPage.html(upstreams.get()));
        }
    }

    /** {@code feeds/all.ext} or {@code feeds/kind/name.ext}, with an optional query. */
    private void feed(HttpServerExchange exchange, List<String> path) {
        Optional<Target<Format>> target = target(path, Format::fromExtension);
        if (target.isEmpty()) {
            notFound(exchange);
            return;
        }
        FeedQuery.Parsed request = query.parse(target.get().key(), target.get().format(), exchange.getQueryString());
        if (request.error() != null) {
            Responses.plain(exchange, StatusCodes.BAD_REQUEST, request.error());
        } else {
            feeds.serve(exchange, request.request());
        }
    }

    /** {@code embed/all.ext} or {@code embed/kind/name.ext}: the same feeds as under {@code feeds/}. */
    private void embed(HttpServerExchange exchange, List<String> path) {
        Optional<Target<EmbedFormat>> target = target(path, EmbedFormat::fromExtension);
        if (target.isEmpty()) {
            notFound(exchange);
            return;
        }
        FeedKey key = target.get().key();
        EmbedFormat format = target.get().format();
        if (format == EmbedFormat.EVENTS) {
            EmbedQuery.Parsed live = embedQuery.parse(key, format, exchange.getQueryString());
            if (live.error() != null) {
                Responses.plain(exchange, StatusCodes.BAD_REQUEST, live.error());
            } else {
                events.serve(exchange, live.request());
            }
            return;
        }
        if (format == EmbedFormat.SCRIPT) {
            if (snapshots.get().entries(key).isEmpty()) {
                Responses.plain(exchange, StatusCodes.NOT_FOUND, "No such feed: /" + key.pathUnder("embed") + ".js");
            } else {
                embeds.script(exchange);
            }
            return;
        }
        EmbedQuery.Parsed request = embedQuery.parse(key, format, exchange.getQueryString());
        if (request.error() != null) {
            Responses.plain(exchange, StatusCodes.BAD_REQUEST, request.error());
        } else {
            embeds.serve(exchange, request.request());
        }
    }

    /** A feed and a representation named by a path: {@code root/all.ext} or {@code root/kind/name.ext}. */
    record Target<F>(FeedKey key, F format) {
    }

    static <F> Optional<Target<F>> target(List<String> path, Function<String, Optional<F>> formats) {
        String last = path.get(path.size() - 1);
        int dot = last.lastIndexOf('.');
        Optional<F> format = dot <= 0 ? Optional.empty() : formats.apply(last.substring(dot + 1));
        if (format.isEmpty()) {
            return Optional.empty();
        }
        String name = last.substring(0, dot);
        Optional<FeedKey> key = Optional.empty();
        if (path.size() == 2 && name.equals("all")) {
            key = Optional.of(FeedKey.ALL);
        } else if (path.size() == 3) {
            key = FeedKind.fromPath(path.get(1)).filter(k -> k != FeedKind.ALL).map(k -> new FeedKey(k, name));
        }
        return key.map(k -> new Target<>(k, format.get()));
    }

    private void article(HttpServerExchange exchange, List<String> path) {
        Optional<io.posthorn.article.Article> article = path.size() < 2 ? Optional.empty()
                : snapshots.get().article(String.join("/", path.subList(1, path.size())));
        if (article.isEmpty()) {
            notFound(exchange);
            return;
        }
        Variant variant;
        try {
            Map<String, String> params = FeedQuery.params(exchange.getQueryString());
            variant = Variant.of(params.get("variant"), params.get("opencc"));
        } catch (IllegalArgumentException e) {
            Responses.plain(exchange, StatusCodes.BAD_REQUEST, e.getMessage());
            return;
        }
        RenderedFeed cached = feedCache.cachedPage(article.get(), variant);
        if (cached != null) {
            feeds.respond(exchange, cached); // from the cached buffers, on the I/O thread
        } else if (exchange.isInIoThread()) {
            exchange.dispatch(ex -> article(ex, path));
        } else {
            feeds.respond(exchange, feedCache.page(article.get(), variant, articlePage::render));
        }
    }

    private static void notFound(HttpServerExchange exchange) {
        Responses.plain(exchange, StatusCodes.NOT_FOUND, "Not found");
    }
}
