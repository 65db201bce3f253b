package io.posthorn.feed;

import java.util.Optional;

/** The representations of a feed, by URL extension. {@code HTML} is the human-readable preview. */
public enum Format {
    ATOM("atom", "application/atom+xml; charset=utf-8", "Atom"),
    RSS("rss", "application/rss+xml; charset=utf-8", "RSS"),
    JSON("json", "application/feed+json; charset=utf-8", "JSON Feed"),
    HTML("html", "text/html; charset=utf-8", "HTML");

    private final String extension;
    private final String contentType;
    private final String label;

    Format(String extension, String contentType, String label) {
        this.extension = extension;
        this.contentType = contentType;
        this.label = label;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The media type without parameters, as used in {@code <link type>}. */
    public String mediaType() {
        return contentType.substring(0, contentType.indexOf(';'));
    }

    public String label() {
        return label;
    }

    public static Optional<Format> fromExtension(String extension) {
        for (Format f : values()) {
            if (f.extension.equals(extension)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
