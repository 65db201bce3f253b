package io.posthorn.feed;

/** A page past the last page of a feed: the client's mistake (400), not a missing feed. */
public final class OutOfRangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutOfRangeException(String message) {
        super(message, null, false, false);
    }
}
