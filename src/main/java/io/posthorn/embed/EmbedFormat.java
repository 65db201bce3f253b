package io.posthorn.embed;

import java.util.Optional;

/**
 * The ways to embed a feed's headlines, by URL extension under {@code /embed/}. {@code JSON} and
 * {@code HTML} are rendered per feed; {@code SCRIPT} is one static script for every feed;
 * {@code EVENTS} is a live stream of the feed's headlines.
 */
public enum EmbedFormat {
    JSON("json", "application/json; charset=utf-8"),
    SCRIPT("js", "application/javascript; charset=utf-8"),
    HTML("html", "text/html; charset=utf-8"),
    /** Server-Sent Events: each new or changed headline as it happens; streamed, never rendered or cached. */
    EVENTS("events", "text/event-stream; charset=utf-8");

    private final String extension;
    private final String contentType;

    EmbedFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<EmbedFormat> fromExtension(String extension) {
        for (EmbedFormat f : values()) {
            if (f.extension.equals(extension)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
