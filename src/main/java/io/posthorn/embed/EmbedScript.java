package io.posthorn.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.time.Instant;
import java.util.Objects;

/**
 * The embed script, a static resource shipped in the jar ({@code headlines.js} beside this
 * class). It is the same for every feed: it finds its own {@code <script>} element and fetches
 * the {@code .json} next to its own URL, so {@code /embed/{kind}/{name}.js} serves these bytes for
 * every feed and the browser's cache keeps one copy per URL. Immutable by contract (the array is
 * never written).
 *
 * @param lastModified when the resource was built (its jar entry or file time), for {@code Last-Modified}
 */
public record EmbedScript(byte[] bytes, Instant lastModified) {
    private static final String RESOURCE = "headlines.js";

    public EmbedScript {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    /** Reads the script from the class path; a build without it is broken, so this fails loudly. */
    public static EmbedScript load() {
        URL url = EmbedScript.class.getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("resource missing from the build: io/posthorn/embed/" + RESOURCE);
        }
        try {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                // whole seconds, as HTTP dates have; 0 (unknown) becomes the epoch
                return new EmbedScript(in.readAllBytes(), Instant.ofEpochSecond(connection.getLastModified() / 1000));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url + ": " + e.getMessage(), e);
        }
    }
}
