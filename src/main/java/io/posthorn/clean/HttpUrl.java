package io.posthorn.clean;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule of which URLs Posthorn follows, links to or stores: absolute, with a host, and
 * http or https (any case) — never {@code file:}, {@code javascript:}, {@code data:} or a relative
 * reference. Configuration, front matter, upstream documents, redirects and identities all ask
 * here. Stateless.
 */
public final class HttpUrl {
    private HttpUrl() {
    }

    /** Whether {@code uri} is an absolute http(s) URL with a host. */
    public static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    /** {@code text} (stripped, XML-illegal characters removed) as an absolute http(s) URL, or empty. */
    public static Optional<URI> parse(String text) {
        try {
            URI uri = new URI(XmlText.legal(text.strip()));
            return isHttp(uri) ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code url} with only ASCII in it, as every URL Posthorn writes: an internationalised host
     * in its punycode form, every other non-ASCII character (and space) percent-encoded as UTF-8
     * ({@code /公告/} → {@code /%E5%85%AC%E5%91%8A/}). Readers and the W3C validator want URIs, not
     * IRIs, and a converted variant of a document must never change a link. The same string when
     * it is ASCII already.
     */
    public static String ascii(String url) {
        int i = 0;
        while (i < url.length() && url.charAt(i) > ' ' && url.charAt(i) < 0x7F) {
            i++;
        }
        if (i == url.length()) {
            return url;
        }
        int scheme = url.indexOf("://");
        int hostStart = scheme < 0 ? 0 : scheme + 3;
        int hostEnd = hostStart;
        while (scheme >= 0 && hostEnd < url.length() && "/?#".indexOf(url.charAt(hostEnd)) < 0) {
            hostEnd++;
        }
        StringBuilder out = new StringBuilder(url.length() + 32).append(url, 0, hostStart);
        String host = url.substring(hostStart, hostEnd);
        try {
            out.append(java.net.IDN.toASCII(host, java.net.IDN.ALLOW_UNASSIGNED));
        } catch (IllegalArgumentException e) {
            encode(host, out);
        }
        encode(url.substring(hostEnd), out);
        return out.toString();
    }

    private static void encode(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (cp > ' ' && cp < 0x7F) {
                out.append((char) cp);
            } else {
                for (byte b : text.substring(i, i + n).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
            i += n;
        }
    }
}
