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
}
