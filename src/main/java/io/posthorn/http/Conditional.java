package io.posthorn.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.DateUtils;
import io.undertow.util.Headers;
import java.time.Instant;
import java.util.Date;

/**
 * Conditional GET (RFC 9110 §13): {@code If-None-Match} with lists, {@code *} and weak
 * comparison wins over {@code If-Modified-Since}. Thread-safe: stateless.
 */
final class Conditional {
    private Conditional() {
    }

    /** Whether the client's copy is current, so a 304 is the answer. */
    static boolean notModified(HttpServerExchange exchange, String etag, Instant lastModified) {
        String ifNoneMatch = exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return matchesAny(ifNoneMatch, etag);
        }
        String ifModifiedSince = exchange.getRequestHeaders().getFirst(Headers.IF_MODIFIED_SINCE);
        if (ifModifiedSince != null) {
            Date since = DateUtils.parseDate(ifModifiedSince);
            return since != null && lastModified.getEpochSecond() <= since.toInstant().getEpochSecond();
        }
        return false;
    }

    /** Weak comparison of {@code etag} with each member of an If-None-Match list. */
    static boolean matchesAny(String header, String etag) {
        String opaque = opaque(etag);
        for (String candidate : header.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || opaque(c).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
