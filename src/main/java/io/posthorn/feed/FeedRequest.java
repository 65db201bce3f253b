package io.posthorn.feed;

import io.posthorn.index.FeedKey;
import java.util.Objects;

/** One renderable feed document: which articles, in which format. Used as a cache key. */
public record FeedRequest(FeedKey key, Format format) {
    public FeedRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(format, "format");
    }

    /** The path this document is served at, without the leading slash. */
    public String path() {
        return key.path() + "." + format.extension();
    }
}
