package io.posthorn.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Another origin for browser tests: a JDK HTTP server on its own free port serving fixed pages,
 * as a partner site that embeds Posthorn would.
 */
public final class StaticSite implements AutoCloseable {
    private record Page(String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    private StaticSite(HttpServer server) {
        this.server = server;
    }

    public static StaticSite start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StaticSite site = new StaticSite(server);
            server.createContext("/", site::handle);
            server.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code body} at {@code path} from now on. */
    public StaticSite put(String path, String contentType, byte[] body) {
        pages.put(path, new Page(contentType, body));
        return this;
    }

    public StaticSite put(String path, String contentType, String body) {
        return put(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        try {
            Page page = pages.get(exchange.getRequestURI().getPath());
            if (page == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", page.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, page.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page.body());
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
