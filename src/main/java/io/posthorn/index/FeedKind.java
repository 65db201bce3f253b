package io.posthorn.index;

import java.util.Optional;

/** The kinds of feed, named as in their URL path ({@code /feeds/{kind}/{name}.atom}). */
public enum FeedKind {
    ALL("all"), CATEGORY("categories"), TAG("tags"), SOURCE("sources");

    private final String path;

    FeedKind(String path) {
        this.path = path;
    }

    /** The URL segment: {@code categories}, {@code tags}, {@code sources} (or {@code all}). */
    public String path() {
        return path;
    }

    public static Optional<FeedKind> fromPath(String segment) {
        for (FeedKind kind : values()) {
            if (kind.path.equals(segment)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
