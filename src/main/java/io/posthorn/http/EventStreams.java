package io.posthorn.http;

import io.posthorn.article.Article;
import io.posthorn.embed.EmbedRenderer;
import io.posthorn.embed.EmbedRequest;
import io.posthorn.index.FeedKey;
import io.posthorn.index.IndexSnapshot;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code /embed/{feed}.events}: live headlines as Server-Sent Events. Each stream is an embed
 * request (feed, filter, variant, limit); when an update changes the top of its feed, each new or
 * edited headline goes out as one event (its JSON, as in the embed JSON) with an id made of its
 * {@code updated} time and key, oldest first. A client that reconnects with {@code Last-Event-ID}
 * first gets what it missed: the headlines updated after that id's time, from the current
 * snapshot, at most the stream's limit. A comment every 15 s keeps proxies from closing idle
 * streams. At most {@value #MAX_STREAMS} streams at once (more get a 503). Sending is
 * non-blocking (Undertow queues per connection) and runs on one thread of its own, never on the
 * update path. Thread-safe.
 */
final class EventStreams implements AutoCloseable {
    static final int MAX_STREAMS = 20_000;
    static final long HEARTBEAT_MILLIS = 15_000;
    private static final AttachmentKey<EmbedRequest> REQUEST = AttachmentKey.create(EmbedRequest.class);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventStreams.class);

    private final EmbedRenderer renderer;
    private final Supplier<IndexSnapshot> snapshots;
    private final Map<EmbedRequest, Set<ServerSentEventConnection>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ServerSentEventHandler handler = new ServerSentEventHandler(this::connected);
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "posthorn-events");
        t.setDaemon(true);
        return t;
    });

    EventStreams(EmbedRenderer renderer, Supplier<IndexSnapshot> snapshots) {
        this.renderer = renderer;
        this.snapshots = snapshots;
    }

    /** Streams open now. */
    int open() {
        return open.get();
    }

    void serve(HttpServerExchange exchange, EmbedRequest request) {
        if (snapshots.get().entries(request.key()).isEmpty()) {
            Responses.plain(exchange, StatusCodes.NOT_FOUND, "No such feed: /" + request.path());
            return;
        }
        if (open.get() >= MAX_STREAMS) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "30");
            Responses.plain(exchange, StatusCodes.SERVICE_UNAVAILABLE, "Too many event streams; try again later");
            return;
        }
        exchange.putAttachment(REQUEST, request);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        try {
            handler.handleRequest(exchange);
        } catch (Exception e) {
            LOG.warn("cannot open an event stream for /{}: {}", request.path(), e.toString());
            Responses.plain(exchange, StatusCodes.INTERNAL_SERVER_ERROR, "Cannot open the event stream");
        }
    }

    private void connected(ServerSentEventConnection connection, String lastEventId) {
        EmbedRequest request = connection.getAttachment(REQUEST);
        if (request == null) {
            close(connection);
            return;
        }
        open.incrementAndGet();
        Set<ServerSentEventConnection> set = streams.computeIfAbsent(request, r -> ConcurrentHashMap.newKeySet());
        set.add(connection);
        connection.addCloseTask(c -> {
            if (set.remove(c)) {
                open.decrementAndGet();
            }
        });
        connection.setKeepAliveTime(HEARTBEAT_MILLIS);
        connection.sendRetry(3000);
        long since = since(lastEventId);
        if (since >= 0) {
            sender.execute(() -> missed(connection, request, since));
        }
    }

    /** The time of a {@code Last-Event-ID} ({@code <epoch ms>-<key>}), or -1. */
    static long since(String lastEventId) {
        if (lastEventId == null) {
            return -1;
        }
        int dash = lastEventId.indexOf('-');
        String ms = dash < 0 ? lastEventId : lastEventId.substring(0, dash);
        if (ms.isEmpty() || ms.length() > 15 || !ms.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(ms);
    }

    static String id(Article a) {
        return a.updated().toInstant().toEpochMilli() + "-" + a.key();
    }

    private void missed(ServerSentEventConnection connection, EmbedRequest request, long since) {
        List<Article> newer = new ArrayList<>();
        for (Article a : renderer.newest(snapshots.get(), request)) {
            if (a.updated().toInstant().toEpochMilli() > since) {
                newer.add(a);
            }
        }
        java.util.Collections.reverse(newer);
        for (Article a : newer) {
            connection.send(renderer.event(a, request), null, id(a), null);
        }
    }

    /** An update changed these feeds: send the new tops of their streams. Returns at once. */
    void changed(IndexSnapshot old, IndexSnapshot now, Set<FeedKey> feeds) {
        if (streams.isEmpty()) {
            return;
        }
        sender.execute(() -> {
            for (Map.Entry<EmbedRequest, Set<ServerSentEventConnection>> e : streams.entrySet()) {
                if (e.getValue().isEmpty()) {
                    streams.remove(e.getKey(), e.getValue());
                    continue;
                }
                if (!feeds.contains(e.getKey().key())) {
                    continue;
                }
                try {
                    for (Article a : renderer.changed(old, now, e.getKey())) {
                        String data = renderer.event(a, e.getKey());
                        String id = id(a);
                        for (ServerSentEventConnection c : e.getValue()) {
                            c.send(data, null, id, null);
                        }
                    }
                } catch (RuntimeException ex) {
                    LOG.warn("cannot send live headlines of /{}", e.getKey().path(), ex);
                }
            }
        });
    }

    private static void close(ServerSentEventConnection c) {
        try {
            c.close();
        } catch (java.io.IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
        for (Set<ServerSentEventConnection> set : streams.values()) {
            set.forEach(EventStreams::close);
        }
        streams.clear();
    }
}
