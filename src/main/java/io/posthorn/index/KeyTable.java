package io.posthorn.index;

import io.posthorn.article.Article;
import java.util.Collection;

/**
 * Articles by key in one open-addressed array (linear probing, at most half full): a snapshot of a
 * million articles holds 8 to 16 bytes per article here where a {@code HashMap} held about 40 (an entry
 * object each), and an update copies one array instead of a million entries. Immutable once built
 * and so thread-safe; {@link #with} makes a changed copy.
 */
final class KeyTable {
    /** Two articles claim one key. */
    static final class DuplicateKey extends IllegalArgumentException {
        DuplicateKey(String key) {
            super("duplicate article key: " + key);
        }
    }

    private final Article[] slots;
    private final int size;

    private KeyTable(Article[] slots, int size) {
        this.slots = slots;
        this.size = size;
    }

    /** A table of {@code articles}; throws on two with one key. */
    static KeyTable of(Collection<Article> articles) {
        Article[] slots = new Article[capacity(articles.size())];
        for (Article a : articles) {
            if (!put(slots, a)) {
                throw new DuplicateKey(a.key());
            }
        }
        return new KeyTable(slots, articles.size());
    }

    /**
     * A table of {@code articles} where several may claim one key: {@code keep} picks which of two
     * stays (the other is handed to {@code lost}), so the table holds one winner per key.
     */
    static KeyTable of(Collection<Article> articles, java.util.function.BinaryOperator<Article> keep,
                       java.util.function.Consumer<Article> lost) {
        Article[] slots = new Article[capacity(articles.size())];
        int size = 0;
        int mask = slots.length - 1;
        for (Article a : articles) {
            for (int i = spread(a.key().hashCode()) & mask; ; i = (i + 1) & mask) {
                if (slots[i] == null) {
                    slots[i] = a;
                    size++;
                    break;
                }
                if (slots[i].key().equals(a.key())) {
                    Article kept = keep.apply(slots[i], a);
                    lost.accept(kept == a ? slots[i] : a);
                    slots[i] = kept;
                    break;
                }
            }
        }
        return new KeyTable(slots, size);
    }

    /** This table without {@code removed} (by identity) and with {@code added} (keys not held once removed are gone). */
    KeyTable with(Collection<Article> removed, Collection<Article> added) {
        Article[] copy = slots.clone();
        int n = size;
        for (Article a : removed) {
            if (remove(copy, a)) {
                n--;
            }
        }
        if (capacity(n + added.size()) != copy.length) { // grown or shrunk past a bound: spread again
            Article[] resized = new Article[capacity(n + added.size())];
            for (Article a : copy) {
                if (a != null) {
                    put(resized, a);
                }
            }
            copy = resized;
        }
        for (Article a : added) {
            if (!put(copy, a)) {
                throw new DuplicateKey(a.key());
            }
            n++;
        }
        return new KeyTable(copy, n);
    }

    Article get(String key) {
        int mask = slots.length - 1;
        for (int i = spread(key.hashCode()) & mask; ; i = (i + 1) & mask) {
            Article a = slots[i];
            if (a == null) {
                return null;
            }
            if (a.key().equals(key)) {
                return a;
            }
        }
    }

    int size() {
        return size;
    }

    /** A power of two at least twice {@code n} (and at least 2), so probes stay short and one slot is always free. */
    private static int capacity(int n) {
        int c = Integer.highestOneBit(Math.max(1, n) * 2 - 1) << 1;
        return Math.max(2, c);
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** Puts {@code a} in; false when its key is already there. */
    private static boolean put(Article[] slots, Article a) {
        int mask = slots.length - 1;
        for (int i = spread(a.key().hashCode()) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == null) {
                slots[i] = a;
                return true;
            }
            if (slots[i].key().equals(a.key())) {
                return false;
            }
        }
    }

    /** Takes {@code a} (this very article) out, moving later entries of its run back (no tombstones). */
    private static boolean remove(Article[] slots, Article a) {
        int mask = slots.length - 1;
        int i = spread(a.key().hashCode()) & mask;
        while (slots[i] != null && slots[i] != a) {
            i = (i + 1) & mask;
        }
        if (slots[i] == null) {
            return false;
        }
        slots[i] = null;
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            Article moved = slots[j];
            int home = spread(moved.key().hashCode()) & mask;
            // moved may fill the hole at i if its home is not cyclically within (i, j]
            boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!stays) {
                slots[i] = moved;
                slots[j] = null;
                i = j;
            }
        }
        return true;
    }
}
