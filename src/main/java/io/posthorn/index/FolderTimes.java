package io.posthorn.index;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The modification time of every source folder as last seen, so that a periodic rescan lists only
 * the folders whose names changed (a file added, removed or renamed changes its folder's time).
 * A time that was recent when seen (within {@link #RACY_MILLIS} of the clock) is not trusted: a
 * change made in the same clock tick as the look would leave the time as it was, so such a folder
 * is listed again at the next rescan. Not thread-safe: the index's updater thread only.
 */
final class FolderTimes {
    /** Times this close to the clock when seen are not trusted (coarse file-system clocks). */
    static final long RACY_MILLIS = 2_000;
    private static final long UNSURE = Long.MIN_VALUE;

    private final Map<Path, Long> times = new HashMap<>();

    /** Records {@code folder} as seen now with {@code attrs}. */
    void seen(Path folder, BasicFileAttributes attrs) {
        long nanos = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        boolean racy = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(nanos) < RACY_MILLIS;
        times.put(folder, racy ? UNSURE : nanos);
    }

    /** Whether {@code folder} is known and its time is the one last seen (and was trusted). */
    boolean unchanged(Path folder, BasicFileAttributes attrs) {
        Long known = times.get(folder);
        return known != null && known != UNSURE && known == attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    /** Keeps {@code folder} known but not trusted: the next rescan lists it whatever its time. */
    void unsure(Path folder) {
        times.put(folder, UNSURE);
    }

    boolean knows(Path folder) {
        return times.containsKey(folder);
    }

    /** Forgets {@code folder} and every folder under it. */
    void forget(Path folder) {
        times.keySet().removeIf(p -> p.startsWith(folder));
    }

    void clear() {
        times.clear();
    }

    /** The known folders, parents before their children. */
    List<Path> folders() {
        List<Path> all = new ArrayList<>(times.keySet());
        all.sort(null);
        return all;
    }

    int size() {
        return times.size();
    }
}
