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
 * streams. At most half of {@code http.max_connections} streams at once, so that feeds are still
 * answered, and {@value #MAX_KINDS} distinct ones (more get a 503). Sending is non-blocking
 * (Undertow queues per connection) and runs on one thread of its own, never on the update path;
 * updates that arrive while one is being sent are merged into one pass. Thread-safe.
 */
final class EventStreams implements AutoCloseable {
    /** Distinct streams (feed, filter, variant, limit) at most: each costs a pass per update. */
    static final int MAX_KINDS = 1_000;
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

    private final int maxStreams;
    private volatile boolean closed;
    /** The update waiting to be sent: the oldest snapshot not yet compared, the newest, every feed touched. */
    private IndexSnapshot pendingOld;
    private IndexSnapshot pendingNow;
    private final Set<FeedKey> pendingFeeds = new java.util.HashSet<>();

    EventStreams(EmbedRenderer renderer, Supplier<IndexSnapshot> snapshots, int maxStreams) {
        this.renderer = renderer;
        this.snapshots = snapshots;
        this.maxStreams = maxStreams;
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
        if (closed || open.get() >= maxStreams || streams.size() >= MAX_KINDS && !streams.containsKey(request)) {
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
        if (request == null || closed) {
            close(connection); // the site is being replaced: the client reconnects to the new one
            return;
        }
        open.incrementAndGet();
        streams.compute(request, (r, set) -> {
            Set<ServerSentEventConnection> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(connection);
            return s;
        });
        connection.addCloseTask(c -> {
            boolean[] removed = {false};
            streams.computeIfPresent(request, (r, set) -> {
                removed[0] = set.remove(c);
                return set.isEmpty() ? null : set;
            });
            if (removed[0]) {
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
        return a.updatedInstant().toEpochMilli() + "-" + a.key();
    }

    private void missed(ServerSentEventConnection connection, EmbedRequest request, long since) {
        List<Article> newer = new ArrayList<>();
        for (Article a : renderer.newest(snapshots.get(), request)) {
            if (a.updatedInstant().toEpochMilli() > since) {
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
        if (streams.isEmpty() || closed) {
            return;
        }
        synchronized (this) {
            boolean scheduled = pendingNow != null;
            if (!scheduled) {
                pendingOld = old;
            }
            pendingNow = now;
            pendingFeeds.addAll(feeds);
            if (scheduled) {
                return; // merged into the pass already waiting
            }
        }
        try {
            sender.execute(this::send);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void send() {
        IndexSnapshot old;
        IndexSnapshot now;
        Set<FeedKey> feeds;
        synchronized (this) {
            old = pendingOld;
            now = pendingNow;
            feeds = Set.copyOf(pendingFeeds);
            pendingOld = null;
            pendingNow = null;
            pendingFeeds.clear();
        }
        for (Map.Entry<EmbedRequest, Set<ServerSentEventConnection>> e : streams.entrySet()) {
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
        closed = true;
        sender.shutdownNow();
        for (Set<ServerSentEventConnection> set : streams.values()) {
            set.forEach(EventStreams::close);
        }
        streams.clear();
    }
}
