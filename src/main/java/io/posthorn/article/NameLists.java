package io.posthorn.article;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Immutable lists of names (categories, securities) held once per distinct content: a
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
        if (names instanceof Held || names.isEmpty()) {
            return names.isEmpty() ? List.of() : names; // a list from here is held (or was copied) already
        }
        List<String> held = HELD.get(names);
        if (held != null) {
            return held;
        }
        List<String> copy = new Held(names.toArray(new String[0]));
        if (HELD.size() >= LIMIT) {
            return copy;
        }
        held = HELD.putIfAbsent(copy, copy);
        return held != null ? held : copy;
    }

    /** An immutable list of names with its hash worked out once. */
    private static final class Held extends java.util.AbstractList<String> implements java.util.RandomAccess {
        private final String[] names;
        private final int hash;

        Held(String[] names) {
            for (String n : names) {
                java.util.Objects.requireNonNull(n, "name");
            }
            this.names = names;
            this.hash = java.util.Arrays.asList(names).hashCode();
        }

        @Override
        public String get(int index) {
            return names[index];
        }

        @Override
        public int size() {
            return names.length;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
