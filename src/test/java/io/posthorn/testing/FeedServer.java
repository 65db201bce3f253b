package io.posthorn.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * A programmable upstream for tests: a real HTTP server on a free port whose paths answer as a
 * test says (a feed with validators, a status, a redirect, a trickle…), remembering every
 * request it saw with its headers.
 */
public final class FeedServer implements AutoCloseable {
    /** One request as the server saw it; header names in lower case. */
    public record Seen(String path, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** How a path answers. */
    @FunctionalInterface
    public interface Behaviour {
        void answer(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Behaviour> paths = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    public FeedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
            seen.add(new Seen(path, headers));
            Behaviour b = paths.get(path);
            try {
                if (b == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    b.answer(exchange);
                }
            } catch (IOException e) {
                // the client went away (a timeout or a size limit cut it): that is the point of some tests
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public FeedServer on(String path, Behaviour behaviour) {
        paths.put(path, behaviour);
        return this;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests seen for {@code path}, oldest first. */
    public List<Seen> requests(String path) {
        List<Seen> out = new ArrayList<>();
        for (Seen s : seen) {
            if (s.path().equals(path)) {
                out.add(s);
            }
        }
        return out;
    }

    /** A document with a strong ETag and a Last-Modified, answering 304 to either validator. */
    public static Behaviour document(String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return document(contentType, bytes);
    }

    public static Behaviour document(String contentType, byte[] bytes) {
        String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "\"";
        String lastModified = "Thu, 26 May 2022 04:19:14 GMT";
        return exchange -> {
            String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
            String ims = exchange.getRequestHeaders().getFirst("If-Modified-Since");
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.getResponseHeaders().set("Last-Modified", lastModified);
            if (etag.equals(inm) || inm == null && lastModified.equals(ims)) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            send(exchange, 200, contentType, bytes);
        };
    }

    /** A status with headers given as name, value pairs, and no body. */
    public static Behaviour status(int status, String... headers) {
        return exchange -> {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                exchange.getResponseHeaders().set(headers[i], headers[i + 1]);
            }
            exchange.sendResponseHeaders(status, -1);
        };
    }

    public static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
