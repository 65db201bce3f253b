package io.posthorn.feed;

/** Writes a feed document in one format. Implementations are immutable and thread-safe. */
interface FeedWriter {
    byte[] write(FeedDocument doc);
}
