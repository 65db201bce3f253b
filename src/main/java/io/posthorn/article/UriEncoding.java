package io.posthorn.article;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding used for every name that becomes part of a URL or a {@code tag:} URI: UTF-8
 * bytes, everything but RFC 3986 unreserved characters encoded, so the result is pure ASCII and
 * a name containing {@code /}, {@code %}, {@code ?} or {@code #} stays one unambiguous segment.
 * Thread-safe.
 */
public final class UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    /** Encodes one path segment (a {@code /} is encoded too). */
    public static String segment(String text) {
        return encode(text, false);
    }

    /** Encodes a path, keeping {@code /} between segments. */
    public static String path(String text) {
        return encode(text, true);
    }

    private static String encode(String text, boolean keepSlash) {
        StringBuilder out = null;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '.' || b == '_' || b == '~' || (keepSlash && b == '/');
            if (out == null) {
                if (plain) {
                    continue;
                }
                out = new StringBuilder(bytes.length * 3);
                out.append(text, 0, i); // bytes before i are ASCII, so indexes agree
            }
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return out == null ? text : out.toString();
    }
}
