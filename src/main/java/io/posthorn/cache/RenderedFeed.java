package io.posthorn.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * A rendered document in both representations, ready to send without further work.
 * Immutable by contract: the arrays are never written after construction and never exposed to
 * code that could write them (the HTTP layer wraps them read-only).
 *
 * @param etag         strong ETag (quoted) over {@code body}
 * @param gzipEtag     strong ETag (quoted) over {@code gzip}
 * @param lastModified the newest entry's update time, never the render time
 */
public record RenderedFeed(byte[] body, byte[] gzip, String etag, String gzipEtag, Instant lastModified,
                           String contentType) {
    public RenderedFeed {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(gzip, "gzip");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(gzipEtag, "gzipEtag");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(contentType, "contentType");
    }

    /** Compresses and hashes {@code body} once. */
    public static RenderedFeed of(byte[] body, Instant lastModified, String contentType) {
        byte[] gzip = gzip(body);
        return new RenderedFeed(body, gzip, etag(body), etag(gzip), lastModified, contentType);
    }

    /** Cache weight in bytes. */
    public int weight() {
        return body.length + gzip.length + 200;
    }

    static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
