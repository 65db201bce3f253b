package io.posthorn.article;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Immutable lists of names (categories, tags, securities) held once per distinct content: a
 * million articles use a few thousand distinct category lists. Bounded: once it holds
 * {@link #LIMIT} lists (a folder or upstream of unusual variety), further lists are copied but not
 * remembered, so it cannot grow without end. Thread-safe.
 */
public final class NameLists {
    static final int LIMIT = 1 << 16;
    private static final ConcurrentHashMap<List<String>, List<String>> HELD = new ConcurrentHashMap<>();

    private NameLists() {
    }

    /** An immutable list equal to {@code names}, the same instance for equal lists while room lasts. */
    public static List<String> intern(List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> held = HELD.get(names);
        if (held != null) {
            return held;
        }
        List<String> copy = List.copyOf(names);
        if (HELD.size() >= LIMIT) {
            return copy;
        }
        held = HELD.putIfAbsent(copy, copy);
        return held != null ? held : copy;
    }
}
