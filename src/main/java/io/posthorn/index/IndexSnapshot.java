package io.posthorn.index;

import io.posthorn.article.Article;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every served article, newest first, and the same order per category, tag and source.
 *
 * <p>Invariants: immutable after construction; every list is sorted by {@link #ORDER}; an
 * article appears in the list of each of its categories, tags and its source; keys are unique.
 * Thread-safe: readers need no lock.
 */
public final class IndexSnapshot {
    /** Display names of securities, worked out on first use (see {@link #stockName}). */
    private final Map<String, String> stockNames = new java.util.concurrent.ConcurrentHashMap<>();
    /** Newest first; ties broken by key so the order never depends on reading order. */
    public static final Comparator<Article> ORDER = (x, y) -> {
        int c = Long.compare(y.publishedSecond(), x.publishedSecond());
        if (c == 0) {
            c = Integer.compare(y.publishedNano(), x.publishedNano());
        }
        return c != 0 ? c : x.key().compareTo(y.key());
    };

    private final List<Article> all;
    private final Map<FeedKind, Map<String, List<Article>>> groups;
    private final KeyTable byKey;
    private final Instant newestUpdate;
    private final long generation;

    /** Builds a snapshot; {@code articles} must have unique keys. */
    public IndexSnapshot(List<Article> articles) {
        this(articles, 0);
    }

    /** @param generation increases with every snapshot a live index builds: renders remember it */
    public IndexSnapshot(List<Article> articles, long generation) {
        this(articles, null, generation);
    }

    /** @param keys the table of {@code articles} by key, when the caller has built it (else null) */
    IndexSnapshot(List<Article> articles, KeyTable keys, long generation) {
        this.generation = generation;
        List<Article> sorted = sortNewestFirst(articles);
        this.all = Collections.unmodifiableList(sorted);
        // the key table and each kind's lists are independent: built side by side when there are many articles
        boolean parallel = sorted.size() >= PARALLEL_GROUPS;
        java.util.concurrent.CompletableFuture<KeyTable> table = keys != null
                ? java.util.concurrent.CompletableFuture.completedFuture(keys)
                : parallel ? java.util.concurrent.CompletableFuture.supplyAsync(() -> KeyTable.of(sorted))
                : java.util.concurrent.CompletableFuture.completedFuture(KeyTable.of(sorted));
        Map<FeedKind, Map<String, List<Article>>> g = new LinkedHashMap<>();
        var kinds = FeedKind.NAMED.stream();
        if (parallel) {
            kinds = kinds.parallel();
        }
        Map<FeedKind, Map<String, List<Article>>> built = kinds.collect(
                java.util.stream.Collectors.toConcurrentMap(k -> k, k -> group(k, sorted)));
        for (FeedKind kind : FeedKind.NAMED) {
            g.put(kind, built.get(kind));
        }
        this.groups = Collections.unmodifiableMap(g);
        this.newestUpdate = newestUpdate(sorted);
        try {
            this.byKey = table.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** From this many articles on, the groups of each kind are built on threads of their own. */
    private static final int PARALLEL_GROUPS = 50_000;

    /** The lists of one kind of feed, each newest first as {@code sorted} is. */
    private static Map<String, List<Article>> group(FeedKind kind, List<Article> sorted) {
        Map<String, List<Article>> byName = new HashMap<>();
        for (Article a : sorted) {
            for (String name : kind.names(a)) {
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(a);
            }
        }
        byName.replaceAll((name, list) -> {
            ((ArrayList<Article>) list).trimToSize(); // a million articles: no growth slack kept
            return Collections.unmodifiableList(list);
        });
        return Collections.unmodifiableMap(byName);
    }

    /** Sorts by {@link #ORDER}; a list already in that order (the index store's) costs one pass. */
    private static List<Article> sortNewestFirst(List<Article> articles) {
        List<Article> sorted = new ArrayList<>(articles);
        sorted.sort(ORDER);
        return sorted;
    }

    private IndexSnapshot(List<Article> all, Map<FeedKind, Map<String, List<Article>>> groups,
                          KeyTable byKey, Instant newestUpdate, long generation) {
        this.all = all;
        this.groups = groups;
        this.byKey = byKey;
        this.generation = generation;
        this.newestUpdate = newestUpdate;
    }

    /**
     * A snapshot of {@code articles}, or empty when two of them claim one key (then the caller
     * picks the winners).
     */
    static Optional<IndexSnapshot> ifKeysUnique(List<Article> articles, long generation) {
        try {
            return Optional.of(new IndexSnapshot(articles, null, generation));
        } catch (KeyTable.DuplicateKey e) {
            return Optional.empty();
        }
    }

    /**
     * This snapshot with {@code removed} taken out and {@code added} put in, without sorting
     * everything again: the lists the change touches are merged, the others are shared. Gives the
     * same snapshot as building one from the resulting articles.
     *
     * @param removed articles of this snapshot (compared by identity)
     * @param added   articles whose keys are not in this snapshot once {@code removed} are gone
     */
    public IndexSnapshot with(Collection<Article> removed, Collection<Article> added, long generation) {
        Set<Article> gone = Collections.newSetFromMap(new IdentityHashMap<>());
        gone.addAll(removed);
        List<Article> sortedAdded = sortNewestFirst(new ArrayList<>(added));
        KeyTable keys = byKey.with(gone, sortedAdded);
        Map<FeedKind, Map<String, List<Article>>> g = new LinkedHashMap<>();
        for (var kind : groups.entrySet()) {
            Map<String, List<Article>> lists = new HashMap<>(kind.getValue());
            Set<String> touched = new HashSet<>();
            for (Article a : gone) {
                touched.addAll(kind.getKey().names(a));
            }
            for (Article a : sortedAdded) {
                touched.addAll(kind.getKey().names(a));
            }
            for (String name : touched) {
                List<Article> in = new ArrayList<>();
                for (Article a : sortedAdded) {
                    if (kind.getKey().names(a).contains(name)) {
                        in.add(a);
                    }
                }
                List<Article> merged = merge(lists.getOrDefault(name, List.of()), gone, in);
                if (merged.isEmpty()) {
                    lists.remove(name);
                } else {
                    lists.put(name, Collections.unmodifiableList(merged));
                }
            }
            g.put(kind.getKey(), Collections.unmodifiableMap(lists));
        }
        List<Article> merged = merge(all, gone, sortedAdded);
        // the newest update only moves back when the article that held it went: then look again
        boolean newestGone = gone.stream().anyMatch(a -> a.updatedInstant().equals(newestUpdate));
        Instant newest = newestGone ? newestUpdate(merged) : newestUpdate.isAfter(newestUpdate(sortedAdded))
                ? newestUpdate : newestUpdate(sortedAdded);
        return new IndexSnapshot(Collections.unmodifiableList(merged), Collections.unmodifiableMap(g), keys, newest,
                generation);
    }

    private static Instant newestUpdate(List<Article> articles) {
        long second = 0; // from the epoch on, as Instant.EPOCH
        int nano = 0;
        for (Article a : articles) { // a million: compared as numbers, no Instant made per article
            long s = a.updatedSecond();
            if (s > second || s == second && a.updatedNano() > nano) {
                second = s;
                nano = a.updatedNano();
            }
        }
        return Instant.ofEpochSecond(second, nano);
    }

    /** {@code sorted} without {@code gone}, merged with {@code added} (sorted by {@link #ORDER}). */
    private static List<Article> merge(List<Article> sorted, Set<Article> gone, List<Article> added) {
        List<Article> out = new ArrayList<>(sorted.size() + added.size());
        int i = 0;
        for (Article a : sorted) {
            if (gone.contains(a)) {
                continue;
            }
            while (i < added.size() && ORDER.compare(added.get(i), a) < 0) {
                out.add(added.get(i++));
            }
            out.add(a);
        }
        while (i < added.size()) {
            out.add(added.get(i++));
        }
        return out;
    }

    public static IndexSnapshot empty() {
        return new IndexSnapshot(List.of());
    }

    /** The articles of a feed, newest first, or empty when no such feed exists. */
    public Optional<List<Article>> entries(FeedKey key) {
        if (key.kind() == FeedKind.ALL) {
            return Optional.of(all);
        }
        return Optional.ofNullable(groups.get(key.kind()).get(key.name()));
    }

    /** Every feed of one kind with its articles; names in no particular order. */
    public Map<String, List<Article>> feeds(FeedKind kind) {
        if (kind == FeedKind.ALL) {
            return Map.of("", all);
        }
        return groups.get(kind);
    }

    public Optional<Article> article(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public List<Article> all() {
        return all;
    }

    /** The latest {@code updated} of any article (the epoch when empty): Last-Modified of listings. */
    public Instant newestUpdate() {
        return newestUpdate;
    }

    public long generation() {
        return generation;
    }

    /**
     * The display name of a security: the name its articles most often write before its code
     * ({@code 微软} for {@code MSFT.US}; ties go to the name seen in the newest article), or
     * {@code ""} when none writes one. Computed once per snapshot and code.
     */
    public String stockName(String code) {
        return stockNames.computeIfAbsent(code, c -> {
            Map<String, Integer> counts = new HashMap<>();
            String best = "";
            int most = 0;
            for (Article a : groups.get(FeedKind.STOCK).getOrDefault(c, List.of())) {
                int i = a.stocks().indexOf(c);
                String name = i < 0 ? "" : a.stockNames().get(i);
                if (!name.isEmpty()) {
                    int n = counts.merge(name, 1, Integer::sum);
                    if (n > most) {
                        most = n;
                        best = name;
                    }
                }
            }
            return best;
        });
    }

    public int size() {
        return all.size();
    }
}
