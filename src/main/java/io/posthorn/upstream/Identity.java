package io.posthorn.upstream;

import io.posthorn.feed.ParsedFeed;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Who an upstream entry is, independent of how it was fetched: its guid/id, else its link, else
 * its title and date. URLs (links, and ids that are URLs) are compared without their scheme
 * (http and https are the same entry), default port, fragment and tracking parameters
 * ({@code utm_*}, {@code spm} and the like), so an upstream that moves to https or starts adding
 * tracking keeps its entries' identities. Ids that are not URLs are scoped by the upstream, whose
 * scope is stable configuration (its folder), never the URL it is fetched from. Stateless.
 */
final class Identity {
    private Identity() {
    }

    /**
     * The identity text of {@code entry}: its id, else its link, else its title and date, else its
     * title alone (scoped by the upstream); null only when it has none of them.
     */
    static String of(ParsedFeed.Entry entry, String scope, String title) {
        if (entry.id() != null) {
            // fragments go too, as tracking does (#top, #rss): an upstream that told entries apart by
            // fragment alone (…/updates#2024-01-05) would see them as one; none of ours does
            String url = normalised(entry.id());
            return url != null ? "url:" + url : "id:" + scope + "\n" + entry.id();
        }
        if (entry.link() != null) {
            String url = normalised(entry.link());
            if (url != null) {
                return "url:" + url;
            }
        }
        if (title != null && entry.published() != null) {
            return "title:" + scope + "\n" + title + "\n" + entry.published().toInstant();
        }
        return title != null ? "title:" + scope + "\n" + title : null;
    }

    /** The article key derived from an identity: short, ASCII, never changing. */
    static String key(String identity) {
        return "u-" + HexFormat.of().formatHex(sha256(identity), 0, 10);
    }

    /** A digest of what a reader sees of an entry, to tell an edit from a repeat. */
    static String digest(String... parts) {
        return HexFormat.of().formatHex(sha256(String.join("\u0000", parts)), 0, 16);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code //host[:port]/path?query} of an http(s) URL without scheme, default port, fragment and
     * tracking parameters; null when {@code text} is not an http(s) URL.
     */
    static String normalised(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            return null;
        }
        if (!io.posthorn.clean.HttpUrl.isHttp(uri)) {
            return null;
        }
        StringBuilder out = new StringBuilder("//").append(uri.getHost().toLowerCase(Locale.ROOT));
        int port = uri.getPort();
        if (port > 0 && port != 80 && port != 443) {
            out.append(':').append(port);
        }
        String path = uri.getRawPath();
        out.append(path == null || path.isEmpty() ? "/" : path);
        String query = uri.getRawQuery();
        if (query != null) {
            StringBuilder kept = new StringBuilder();
            for (String param : query.split("&")) {
                String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
                if (!param.isEmpty() && !tracking(name.toLowerCase(Locale.ROOT))) {
                    kept.append(kept.length() == 0 ? "" : "&").append(param);
                }
            }
            if (kept.length() > 0) {
                out.append('?').append(kept);
            }
        }
        return out.toString();
    }

    private static boolean tracking(String name) {
        return name.startsWith("utm_") || name.equals("spm") || name.equals("fbclid") || name.equals("gclid")
                || name.equals("yclid") || name.equals("mc_cid") || name.equals("mc_eid") || name.equals("_hsenc")
                || name.equals("scm") || name.equals("from_source");
    }
}
