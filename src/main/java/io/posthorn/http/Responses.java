package io.posthorn.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Small plain-text error answers and byte answers that honour HEAD. Thread-safe: stateless. */
final class Responses {
    private Responses() {
    }

    static void plain(HttpServerExchange exchange, int status, String message) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        send(exchange, (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static void html(HttpServerExchange exchange, byte[] page) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        send(exchange, page);
    }

    /** Sends {@code body}, or only its length for HEAD. The array is never written. */
    static void send(HttpServerExchange exchange, byte[] body) {
        send(exchange, ByteBuffer.wrap(body).asReadOnlyBuffer());
    }

    /** Sends the remaining bytes of {@code body}, or only their count for HEAD; advances its position. */
    static void send(HttpServerExchange exchange, ByteBuffer body) {
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.remaining());
        if (Methods.HEAD.equals(exchange.getRequestMethod())) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(body);
        }
    }
}
