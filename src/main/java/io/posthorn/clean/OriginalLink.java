package io.posthorn.clean;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the link to the original article in a raw body: the first Markdown autolink
 * ({@code <http://…>}) that stands on a line of its own. Becomes the entry's {@code via} link.
 */
public final class OriginalLink {
    private static final Pattern AUTOLINK = Pattern.compile("(?m)^[ \\t]*<(https?://[^>\\s]+)>[ \\t]*$");

    private OriginalLink() {
    }

    /** The original URL, normalised and http(s) only, or empty. */
    public static Optional<String> find(String body) {
        // cheap scan for "<http", then the exact rule on that line only
        for (int at = body.indexOf("<http"); at >= 0; at = body.indexOf("<http", at + 5)) {
            int start = body.lastIndexOf('\n', at) + 1;
            int end = body.indexOf('\n', at);
            Matcher m = AUTOLINK.matcher(body.substring(start, end < 0 ? body.length() : end));
            if (m.find()) {
                Optional<String> url = safeHttpUrl(m.group(1));
                if (url.isPresent()) {
                    return url;
                }
            }
        }
        return Optional.empty();
    }

    /** {@code text} as an absolute http(s) URL in ASCII, or empty when it is not one. */
    public static Optional<String> safeHttpUrl(String text) {
        return HttpUrl.parse(text).map(URI::toASCIIString);
    }
}
