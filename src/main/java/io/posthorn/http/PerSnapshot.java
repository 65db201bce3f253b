package io.posthorn.http;

import io.posthorn.index.IndexSnapshot;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A value derived from the current snapshot, computed once per snapshot (e.g. the index page).
 * Thread-safe: racing computations for one snapshot produce equal values, and the last one wins.
 */
final class PerSnapshot<T> {
    private record Memo<T>(IndexSnapshot snapshot, T value) {
    }

    private final Supplier<IndexSnapshot> snapshots;
    private final Function<IndexSnapshot, T> compute;
    private volatile Memo<T> memo;

    PerSnapshot(Supplier<IndexSnapshot> snapshots, Function<IndexSnapshot, T> compute) {
        this.snapshots = snapshots;
        this.compute = compute;
    }

    T get() {
        IndexSnapshot current = snapshots.get();
        Memo<T> m = memo;
        if (m == null || m.snapshot() != current) {
            m = new Memo<>(current, compute.apply(current));
            memo = m;
        }
        return m.value();
    }
}
