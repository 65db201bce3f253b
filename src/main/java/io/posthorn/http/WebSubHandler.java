package io.posthorn.http;

import io.posthorn.feed.FeedRequest;
import io.posthorn.feed.Format;
import io.posthorn.feed.Links;
import io.posthorn.index.IndexSnapshot;
import io.posthorn.websub.Hub;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /websub}: the built-in hub's door. Reads the form ({@code application/x-www-form-urlencoded},
 * at most {@value #MAX_BODY} bytes), resolves {@code hub.topic} to one of this site's feeds (it
 * must be the URL the feed's {@code self} link gives, Atom, RSS or JSON Feed, any page, filter or
 * variant), and hands the rest to {@link Hub}, which answers 202 or a 4xx with a reason. Also the
 * one place that maps topic URLs to feed requests, for the hub's subscriptions. Thread-safe.
 */
final class WebSubHandler {
    static final int MAX_BODY = 16 * 1024;

    private final Links links;
    private final FeedQuery query;
    private final Supplier<IndexSnapshot> snapshots;
    private final Supplier<Hub> hub;

    WebSubHandler(Links links, FeedQuery query, Supplier<IndexSnapshot> snapshots, Supplier<Hub> hub) {
        this.links = links;
        this.query = query;
        this.snapshots = snapshots;
        this.hub = hub;
    }

    /** A topic resolved to the feed document it names, or the reason it names none. */
    record Topic(FeedRequest request, String problem) {
    }

    /** {@code topic} as one of this site's feed URLs: parsed only (the feed may have no articles now). */
    Topic topic(String topic) {
        String home = links.home();
        if (topic == null || topic.isEmpty()) {
            return new Topic(null, "hub.topic is required");
        }
        if (!topic.startsWith(home)) {
            return new Topic(null, "hub.topic is not a feed of this site: feed URLs start with " + home);
        }
        String rest = topic.substring(home.length());
        int q = rest.indexOf('?');
        String rawPath = q < 0 ? rest : rest.substring(0, q);
        Optional<List<String>> path = PathSegments.split("/" + rawPath);
        Optional<Routes.Target<Format>> target = path.filter(p -> p.size() >= 2 && p.get(0).equals("feeds"))
                .flatMap(p -> Routes.target(p, Format::fromExtension)).filter(t -> t.format() != Format.HTML);
        if (target.isEmpty()) {
            return new Topic(null, "hub.topic is not a feed URL of this site (/feeds/... ending .atom, .rss or .json)");
        }
        FeedQuery.Parsed parsed = query.parse(target.get().key(), target.get().format(), q < 0 ? null : rest.substring(q + 1));
        if (parsed.error() != null) {
            return new Topic(null, "hub.topic: " + parsed.error());
        }
        String self = links.feed(parsed.request());
        if (!self.equals(topic)) {
            return new Topic(null, "hub.topic must be written as the feed's self link gives it: " + self);
        }
        return new Topic(parsed.request(), null);
    }

    void handle(HttpServerExchange exchange) {
        Hub h = hub.get();
        if (h == null) {
            if (links.builtinHub() != null) {
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
                Responses.plain(exchange, StatusCodes.SERVICE_UNAVAILABLE, "The hub is restarting; try again in a moment");
            } else {
                Responses.plain(exchange, StatusCodes.NOT_FOUND, "This site's feeds name other hubs; it runs none itself");
            }
            return;
        }
        if (!Methods.POST.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
            Responses.plain(exchange, StatusCodes.METHOD_NOT_ALLOWED,
                    "Method not allowed; the hub takes a POST of hub.mode, hub.topic and hub.callback");
            return;
        }
        String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            Responses.plain(exchange, StatusCodes.UNSUPPORTED_MEDIA_TYPE,
                    "The hub takes application/x-www-form-urlencoded");
            return;
        }
        long length = exchange.getRequestContentLength();
        if (length > MAX_BODY) {
            Responses.plain(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "At most " + MAX_BODY + " bytes");
            return;
        }
        exchange.setMaxEntitySize(MAX_BODY);
        exchange.getRequestReceiver().receiveFullBytes((ex, bytes) -> ex.dispatch(() -> answer(ex, h, bytes)),
                (ex, e) -> Responses.plain(ex, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "At most " + MAX_BODY + " bytes"));
    }

    private void answer(HttpServerExchange exchange, Hub h, byte[] body) {
        Map<String, String> form = FeedQuery.params(new String(body, StandardCharsets.UTF_8));
        String modeText = form.get("hub.mode");
        Hub.Mode mode = "subscribe".equals(modeText) ? Hub.Mode.SUBSCRIBE
                : "unsubscribe".equals(modeText) ? Hub.Mode.UNSUBSCRIBE : null;
        if (mode == null) {
            Responses.plain(exchange, StatusCodes.BAD_REQUEST, "hub.mode must be subscribe or unsubscribe");
            return;
        }
        String topicText = form.get("hub.topic");
        Topic topic = topic(topicText);
        Optional<String> problem = Optional.ofNullable(topic.problem());
        if (problem.isEmpty() && snapshots.get().entries(topic.request().key()).isEmpty()) {
            problem = Optional.of("hub.topic: no such feed: " + topicText);
        }
        Hub.Answer a = h.request(mode, topicText, problem, form.get("hub.callback"), form.get("hub.lease_seconds"),
                form.get("hub.secret"));
        Responses.plain(exchange, a.status(), a.reason());
    }
}
