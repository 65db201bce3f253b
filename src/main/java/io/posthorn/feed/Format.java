package io.posthorn.feed;

import java.util.Optional;

/** The feed formats served, by URL extension. */
public enum Format {
    ATOM("atom", "application/atom+xml; charset=utf-8");

    private final String extension;
    private final String contentType;

    Format(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
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
