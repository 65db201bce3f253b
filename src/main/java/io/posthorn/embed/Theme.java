package io.posthorn.embed;

import java.util.Locale;
import java.util.Optional;

/** Colours of the iframe page ({@code ?theme=light|dark}). */
public enum Theme {
    LIGHT, DARK;

    /** The value as written in the query, e.g. {@code dark}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Theme> fromValue(String value) {
        for (Theme t : values()) {
            if (t.value().equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
