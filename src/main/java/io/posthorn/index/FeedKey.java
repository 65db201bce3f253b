package io.posthorn.index;

import io.posthorn.article.UriEncoding;
import java.util.Objects;

/**
 * Which articles a feed holds: all of them, or one category, tag or source.
 *
 * @param name the category, tag or source as written (plain text); empty for {@link FeedKind#ALL}
 */
public record FeedKey(FeedKind kind, String name) {
    public static final FeedKey ALL = new FeedKey(FeedKind.ALL, "");

    public FeedKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if ((kind == FeedKind.ALL) != name.isEmpty()) {
            throw new IllegalArgumentException("only the 'all' feed has an empty name: " + kind + " '" + name + "'");
        }
    }

    /** The feed's path without extension and without a leading slash, e.g. {@code feeds/tags/%E7%BE%8E%E8%82%A1}. */
    public String path() {
        return pathUnder("feeds");
    }

    /**
     * The same path under another root, e.g. {@code embed/tags/%E7%BE%8E%E8%82%A1} for
     * {@code pathUnder("embed")}: every representation of a feed is addressed the same way.
     */
    public String pathUnder(String root) {
        return kind == FeedKind.ALL ? root + "/all" : root + "/" + kind.path() + "/" + UriEncoding.segment(name);
    }
}
