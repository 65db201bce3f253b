package io.posthorn.index;

import io.posthorn.article.Article;
import io.posthorn.article.ArticleReader;
import io.posthorn.article.ArticleReader.Outcome;
import io.posthorn.config.Config;
import io.posthorn.config.SourceConfig;
import io.posthorn.source.Skip;
import io.posthorn.source.SourceFile;
import io.posthorn.source.SourceScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The index as it follows the folders: remembers what every file gave (article or skip, with its
 * fingerprint), re-reads only the paths it is told changed, and builds a new immutable snapshot
 * for each update, with the feeds the update touched.
 *
 * <p>Invariants: every candidate file seen in the last load or update has one outcome: a
 * snapshot article whose key is its stem ("plain"), or an entry of {@link #others} (a plain article
 * is never also there); a snapshot never holds two articles with one key (the first file in source and path
 * order wins). Not thread-safe: one updater thread calls {@link #load}, {@link #apply} and
 * {@link #changedOnDisk}; readers use the immutable snapshots it returns.
 */
public final class LiveIndex {
    /** Source, then path: of the files that claim one key, the first wins. */
    private static final Comparator<Article> FILE_ORDER = (x, y) -> {
        int c = Integer.compare(x.folder(), y.folder());
        return c != 0 ? c : x.relative().compareTo(y.relative());
    };
    /** Files per reading task at a full load: big enough to cost little to hand over, small enough to share out. */
    private static final int READ_BATCH = 256;

    /** A full load: the snapshot and every problem, for the log and the {@code check} command. */
    public record Load(IndexSnapshot snapshot, List<Skip> skipped, List<Skip> warnings, int unattributed, long millis) {
        public Load {
            skipped = List.copyOf(skipped);
            warnings = List.copyOf(warnings);
        }

        /** Skips of broken articles, not counting files that simply are not articles. */
        public long broken() {
            return skipped.stream().filter(s -> !s.ignored()).count();
        }
    }

    /**
     * An incremental update: how many files were re-read and which feeds changed.
     *
     * @param rebuilt whether the whole snapshot was built again (when keys clash) rather than the
     *                changes merged into the last one
     */
    public record Update(IndexSnapshot snapshot, int files, Set<FeedKey> affected, List<Skip> skipped, long millis,
                         boolean rebuilt) {
        public Update {
            affected = Set.copyOf(affected);
            skipped = List.copyOf(skipped);
        }
    }

    private final List<SourceConfig> sources;
    private final ArticleReader reader;
    /**
     * What every candidate file gave, held so that a million articles cost little: an article
     * whose key is its path's stem is found through the snapshot (by that stem), its warnings,
     * if any, in {@link #warned}; every other outcome (skips, articles keyed by a front-matter
     * id, the losers of a duplicate key) is in {@link #others} by path.
     */
    private final Map<Path, Outcome> others = new HashMap<>();
    private final Map<Path, List<Skip>> warned = new HashMap<>();
    private final FolderTimes folderTimes = new FolderTimes();
    private long generation;
    private IndexSnapshot snapshot = IndexSnapshot.empty();
    /** Keys held by more than one file at the last rebuild: changes to those need another rebuild. */
    private Set<String> duplicateKeys = Set.of();

    public LiveIndex(Config config, ArticleReader reader) {
        this.sources = config.sources();
        this.reader = reader;
    }

    public IndexSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Scans and reads every source folder: this thread walks the folders and hands files, in
     * batches, to one reading thread per core, so that reading starts with the walk rather than
     * after it.
     */
    public Load load() {
        long start = System.nanoTime();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "posthorn-index-" + made.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Outcome>>> batches = new ArrayList<>();
            List<Skip> skipped = new ArrayList<>();
            List<Found> batch = new ArrayList<>(READ_BATCH);
            for (int i = 0; i < sources.size(); i++) {
                Path root = sources.get(i).path();
                skipped.addAll(SourceScanner.walk(i, root, root, (file, attrs) -> {
                    batch.add(new Found(file, attrs));
                    if (batch.size() == READ_BATCH) {
                        batches.add(pool.submit(readTask(batch)));
                        batch.clear();
                    }
                }, folderTimes::seen));
            }
            batches.add(pool.submit(readTask(batch)));
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<List<Outcome>> f : batches) {
                outcomes.addAll(f.get());
            }
            return replaceAll(outcomes, skipped, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the folders", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the folders failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A candidate file as the walk saw it. */
    private record Found(SourceFile file, BasicFileAttributes attributes) {
    }

    /** Reads a copy of the batch (the walk goes on filling the list it was given). */
    private Callable<List<Outcome>> readTask(List<Found> batch) {
        List<Found> mine = List.copyOf(batch);
        return () -> {
            List<Outcome> read = new ArrayList<>(mine.size());
            for (Found f : mine) {
                read.add(reader.read(f.file(), f.attributes()));
            }
            return read;
        };
    }

    /**
     * Loads what a store holds instead of reading the folders; the caller must then check the
     * folders ({@link #changedOnDisk}) and apply what changed.
     *
     * @return the load, or empty when the store is missing or was made under another configuration
     */
    public Optional<Load> load(IndexStore store) {
        long start = System.nanoTime();
        Optional<List<Outcome>> stored = store.read();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(replaceAll(stored.get(), new ArrayList<>(), start));
    }

    /** Makes {@code outcomes} the whole index and builds its snapshot; {@code skipped} already holds the scan's skips. */
    private Load replaceAll(List<Outcome> outcomes, List<Skip> skipped, long startNanos) {
        List<Skip> warnings = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.skip() != null) {
                skipped.add(o.skip());
            }
            warnings.addAll(o.warnings());
        }
        skipped.addAll(rebuild(outcomes));
        int unattributed = 0;
        for (Article a : snapshot.all()) {
            unattributed += a.source() == null ? 1 : 0;
        }
        return new Load(snapshot, skipped, warnings, unattributed, (System.nanoTime() - startNanos) / 1_000_000);
    }

    /** Writes what every file gave to {@code store}, the snapshot's articles first (newest first). */
    public void save(IndexStore store) throws IOException {
        store.write(outcomes());
    }

    /**
     * One outcome per known file: the plain articles in snapshot order, then the others; each made
     * as it is asked for, so that a million are never held at once.
     */
    private Iterable<Outcome> outcomes() {
        return () -> java.util.stream.Stream.concat(
                snapshot.all().stream().filter(Article::keyIsStem).map(a -> plain(a, null)),
                others.values().stream()).iterator();
    }

    /** A plain article's outcome; {@code path} (or null, to make it) finds its warnings. */
    private Outcome plain(Article a, Path path) {
        SourceFile file = a.file();
        List<Skip> warnings = warned.isEmpty() ? List.of()
                : warned.getOrDefault(path != null ? path : file.path(), List.of());
        return new Outcome(file, a.fingerprint(), a, null, warnings);
    }

    /** What the file at {@code path} gave when last read, or null when it is not known. */
    private Outcome known(Path path) {
        Outcome other = others.get(path);
        if (other != null) {
            return other;
        }
        int source = sourceOf(path);
        if (source < 0) {
            return null;
        }
        SourceFile file = new SourceFile(source, sources.get(source).path(),
                SourceScanner.relative(sources.get(source).path(), path));
        Article a = snapshot.article(file.stem()).orElse(null);
        return a != null && a.keyIsStem() && a.isFile(source, file.relative()) ? plain(a, path) : null;
    }

    /** Whether the outcome is held as a snapshot article alone (if it wins its key). */
    private static boolean isPlain(Outcome o) {
        return o.article() != null && o.article().keyIsStem();
    }

    /**
     * Re-reads {@code paths} (files or folders; gone ones are removed) and builds a new snapshot.
     *
     * @return the update, with every feed whose entries may have changed (old and new values)
     */
    public Update apply(Set<Path> paths) {
        long start = System.nanoTime();
        Set<FeedKey> affected = new HashSet<>();
        List<Skip> skipped = new ArrayList<>();
        List<Article> removed = new ArrayList<>();
        List<Article> added = new ArrayList<>();
        Map<Path, Outcome> read = new LinkedHashMap<>();
        int count = 0;
        for (Path path : expand(paths)) {
            Outcome before = known(path);
            Outcome after = null;
            SourceFile file = sourceFile(path);
            if (file != null) {
                after = reader.read(file);
                if (after.skip() != null) {
                    skipped.add(after.skip());
                }
            }
            if (before != null || after != null) {
                count++;
            }
            read.put(path, after);
            touch(affected, before);
            touch(affected, after);
            if (before != null && before.article() != null) {
                removed.add(before.article());
            }
            if (after != null && after.article() != null) {
                added.add(after.article());
            }
        }
        // the snapshot still holds what the changed files gave before: the rebuild below needs it
        for (Path path : read.keySet()) {
            others.remove(path);
            warned.remove(path);
        }
        boolean rebuilt = false;
        if (!affected.isEmpty() && !merge(removed, added)) {
            Set<Article> gone = Collections.newSetFromMap(new IdentityHashMap<>());
            gone.addAll(removed);
            List<Outcome> all = new ArrayList<>();
            for (Outcome o : outcomes()) {
                if (o.article() == null || !gone.contains(o.article())) {
                    all.add(o);
                }
            }
            for (Outcome o : read.values()) {
                if (o != null) {
                    all.add(o);
                }
            }
            IndexSnapshot previous = snapshot;
            Set<String> clashed = new HashSet<>(duplicateKeys);
            skipped.addAll(rebuild(all));
            rebuilt = true;
            // a key two files claim may now show the other file's article: its feeds changed too
            clashed.addAll(duplicateKeys);
            for (String key : clashed) {
                Article was = previous.article(key).orElse(null);
                Article is = snapshot.article(key).orElse(null);
                if (was != is) {
                    touch(affected, was);
                    touch(affected, is);
                }
            }
        } else {
            read.forEach((path, o) -> {
                if (o != null) {
                    hold(path, o);
                }
            });
        }
        return new Update(snapshot, count, affected, skipped, (System.nanoTime() - start) / 1_000_000, rebuilt);
    }

    /** Records an outcome: an article the snapshot holds as {@link #holdWinner} says, anything else in {@link #others}. */
    private void hold(Path path, Outcome o) {
        if (o.article() != null && snapshot.article(o.article().key()).orElse(null) == o.article()) {
            holdWinner(o);
        } else {
            others.put(path, o);
        }
    }

    /**
     * Keeps the outcome of an article the snapshot holds: a plain one is found through the
     * snapshot (only its warnings, if any, are kept by path), any other by path.
     */
    private void holdWinner(Outcome o) {
        if (!isPlain(o)) {
            others.put(o.file().path(), o);
        } else if (!o.warnings().isEmpty()) {
            warned.put(o.file().path(), o.warnings());
        }
    }

    /** Whether the candidate file at {@code path}, as {@code attrs} describe it now, is new or changed since it was read. */
    private boolean stale(Path path, BasicFileAttributes attrs) {
        Outcome known = known(path);
        return known == null || known.fingerprint() != ArticleReader.fingerprint(attrs);
    }

    /** Paths whose file is new, gone or changed since it was read: what a rescan must re-read. */
    public Set<Path> changedOnDisk() {
        Set<Path> changed = new HashSet<>();
        Set<Path> seen = new HashSet<>();
        folderTimes.clear();
        for (int i = 0; i < sources.size(); i++) {
            Path root = sources.get(i).path();
            SourceScanner.Result scan = SourceScanner.scan(i, root, root, folderTimes::seen);
            for (SourceFile f : scan.files()) {
                Path path = f.path();
                seen.add(path);
                // the walk has just read each file's attributes: no second stat per file
                if (stale(path, scan.attributes().get(f))) {
                    changed.add(path);
                }
            }
        }
        for (Outcome o : outcomes()) {
            Path known = o.file().path();
            if (!seen.contains(known)) {
                changed.add(known);
            }
        }
        changed.addAll(due());
        return changed;
    }

    /**
     * What a periodic rescan found by folder.
     *
     * @param paths   what must be re-read (files new, gone or changed; folders new or gone)
     * @param folders how many folders were checked
     * @param listed  how many of them had changed and were listed
     */
    public record Rescan(Set<Path> paths, int folders, int listed) {
    }

    /**
     * The cheap rescan, for when the folders are watched: every known folder is checked, and only
     * one whose modification time changed (a file added, removed or renamed in it) is listed and its
     * files compared by fingerprint. A file edited in place leaves its folder's time alone: the watch
     * reports that, and after lost events {@link #changedOnDisk} looks at every file. With a million
     * files in a few thousand folders this costs a few thousand stats instead of a million.
     */
    public Rescan changedInFolders() {
        Set<Path> changed = new HashSet<>();
        Set<Path> seen = new HashSet<>();
        List<Path> listed = new ArrayList<>();
        List<Path> folders = folderTimes.folders();
        for (Path folder : folders) {
            if (!folderTimes.knows(folder)) {
                continue; // under a folder found gone just now
            }
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                attrs = null;
            } catch (IOException e) {
                folderTimes.unsure(folder); // cannot tell now (a network file system's hiccup): look again next time
                continue;
            }
            if (attrs == null || !attrs.isDirectory()) {
                changed.add(folder); // gone: its known files are re-read (as gone) through expand()
                folderTimes.forget(folder);
                // should it come back, its parent's listing finds it anew; a source root has no
                // parent to list: it stays known, looked at every time until it is back
                Path parent = folder.getParent();
                if (sources.get(sourceOfFolder(folder)).path().equals(folder)) {
                    folderTimes.unsure(folder);
                } else if (parent != null && folderTimes.knows(parent)) {
                    folderTimes.unsure(parent);
                }
                continue;
            }
            if (folderTimes.unchanged(folder, attrs)) {
                continue;
            }
            // the time is taken before the listing: a change made during it shows at the next rescan
            folderTimes.seen(folder, attrs);
            listed.add(folder);
            list(folder, changed, seen);
        }
        if (!listed.isEmpty()) {
            goneFrom(listed, seen, changed);
        }
        changed.addAll(due());
        return new Rescan(changed, folders.size(), listed.size());
    }

    /** Adds what changed among {@code folder}'s entries: new folders, new or changed candidate files. */
    private void list(Path folder, Set<Path> changed, Set<Path> seen) {
        try (var entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                BasicFileAttributes attrs = attributes(entry);
                if (attrs == null) {
                    continue;
                }
                if (attrs.isDirectory()) {
                    Path root = sources.get(sourceOfFolder(entry)).path();
                    if (!folderTimes.knows(entry) && SourceScanner.walked(root, entry)) {
                        changed.add(entry); // a new folder: expand() walks it and records its folders
                    }
                    continue;
                }
                seen.add(entry);
                boolean candidate = SourceScanner.ignoreReason(entry.getFileName().toString(), attrs) == null;
                if (candidate ? stale(entry, attrs) : known(entry) != null) {
                    changed.add(entry);
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            changed.add(folder); // could not list it: let the update path look at it whole
            folderTimes.unsure(folder); // and list it again next time
        }
    }


    /** Adds the known files directly in one of {@code folders} that their listing did not show. */
    private void goneFrom(List<Path> folders, Set<Path> seen, Set<Path> changed) {
        // by source and by the length of the folder's relative prefix, so each article is matched
        // against the few folders its key could be in, without building its path
        Map<Integer, Map<Integer, List<String>>> prefixes = new HashMap<>();
        for (Path folder : folders) {
            int source = sourceOfFolder(folder);
            Path root = sources.get(source).path();
            String prefix = folder.equals(root) ? "" : SourceScanner.relative(root, folder) + "/";
            prefixes.computeIfAbsent(source, k -> new HashMap<>())
                    .computeIfAbsent(prefix.length(), k -> new ArrayList<>()).add(prefix);
        }
        for (Article a : snapshot.all()) {
            Map<Integer, List<String>> bySource = prefixes.get(a.folder());
            if (bySource == null || !a.keyIsStem()) {
                continue;
            }
            List<String> candidates = bySource.get(a.key().lastIndexOf('/') + 1);
            if (candidates != null) {
                for (String prefix : candidates) {
                    if (a.key().startsWith(prefix)) {
                        Path path = sources.get(a.folder()).path().resolve(a.relative());
                        if (!seen.contains(path)) {
                            changed.add(path);
                        }
                    }
                }
            }
        }
        Set<Path> listed = new HashSet<>(folders);
        for (Path known : others.keySet()) {
            if (listed.contains(known.getParent()) && !seen.contains(known)) {
                changed.add(known);
            }
        }
    }

    /** The source a known folder belongs to (its root, or a folder under it). */
    private int sourceOfFolder(Path folder) {
        for (int i = 0; i < sources.size(); i++) {
            if (folder.startsWith(sources.get(i).path())) {
                return i;
            }
        }
        throw new IllegalStateException("not a source folder: " + folder);
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /** Files skipped for a date in the future whose date has come: to read again though unchanged. */
    public Set<Path> due() {
        Instant now = reader.now();
        Set<Path> due = new HashSet<>();
        for (Outcome o : others.values()) { // only skips wait for a date
            if (o.retryAt() != null && !now.isBefore(o.retryAt())) {
                due.add(o.file().path());
            }
        }
        return due;
    }

    /**
     * Files and folders to individual files: a folder stands for what is in it now and what was;
     * a path outside every source stands for nothing.
     */
    private Set<Path> expand(Set<Path> paths) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path path : paths) {
            if (sources.stream().noneMatch(s -> path.startsWith(s.path()) || s.path().startsWith(path))) {
                continue; // neither in a source nor holding one (the index store beside feeds.yml, say)
            }
            out.add(path);
            boolean folder = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
            if (folder) { // what is in it now: only this folder is walked, not its whole source
                for (int i = 0; i < sources.size(); i++) {
                    Path root = sources.get(i).path();
                    Path start = root.startsWith(path) ? root : path.startsWith(root) ? path : null;
                    if (start != null) {
                        for (SourceFile f : SourceScanner.scan(i, root, start, folderTimes::seen).files()) {
                            out.add(f.path());
                        }
                    }
                }
            }
            // a folder, or what may have been one (gone, and no known file): the files known under it
            if (folder || (known(path) == null && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))) {
                knownUnder(path, out);
            }
        }
        return out;
    }

    /** Adds every known file under {@code path} (a folder in a source, or one holding sources). */
    private void knownUnder(Path path, Set<Path> out) {
        for (int i = 0; i < sources.size(); i++) {
            Path root = sources.get(i).path();
            String prefix;
            if (root.startsWith(path)) {
                prefix = "";
            } else if (path.startsWith(root) && !path.equals(root)) {
                prefix = SourceScanner.relative(root, path) + "/";
            } else {
                continue;
            }
            for (Article a : snapshot.all()) {
                // a plain article's key is its path without extension: compared without building the path
                if (a.keyIsStem() && a.folder() == i && a.key().startsWith(prefix)) {
                    out.add(root.resolve(a.relative()));
                }
            }
        }
        for (Path known : others.keySet()) {
            if (known.startsWith(path)) {
                out.add(known);
            }
        }
    }

    /** The path as a candidate article file, or null when it is gone or is not one (hidden, backup, link…). */
    private SourceFile sourceFile(Path path) {
        int source = sourceOf(path);
        return source < 0 ? null : SourceScanner.candidate(source, sources.get(source).path(), path).orElse(null);
    }

    private int sourceOf(Path path) {
        for (int i = 0; i < sources.size(); i++) {
            if (path.startsWith(sources.get(i).path()) && !path.equals(sources.get(i).path())) {
                return i;
            }
        }
        return -1;
    }

    private static void touch(Set<FeedKey> affected, Outcome outcome) {
        touch(affected, outcome == null ? null : outcome.article());
    }

    private static void touch(Set<FeedKey> affected, Article a) {
        if (a == null) {
            return;
        }
        affected.addAll(FeedKind.feedsOf(a)); // the one rule of which feeds hold an article
    }

    /**
     * The new snapshot as the current one with {@code removed} out and {@code added} in, when no
     * key is held by two files before or after (then which file wins needs {@link #rebuild}).
     *
     * @return whether the snapshot was updated this way
     */
    private boolean merge(List<Article> removed, List<Article> added) {
        Set<String> freed = new HashSet<>();
        for (Article a : removed) {
            // a removed article that the snapshot did not show lost to a duplicate: rebuild
            if (snapshot.article(a.key()).orElse(null) != a || duplicateKeys.contains(a.key())) {
                return false;
            }
            freed.add(a.key());
        }
        Set<String> keys = new HashSet<>();
        for (Article a : added) {
            // a key may be taken only if no other file holds it once the removed articles are gone
            boolean taken = snapshot.article(a.key()).isPresent() && !freed.contains(a.key());
            if (!keys.add(a.key()) || duplicateKeys.contains(a.key()) || taken) {
                return false;
            }
        }
        snapshot = snapshot.with(removed, added, ++generation);
        return true;
    }

    /**
     * A new snapshot from every file's article; returns the skips for duplicate keys. Of the files
     * that claim one key the first in {@link #FILE_ORDER} wins; only they are compared, since the
     * snapshot orders articles by date anyway (sorting 100,000 outcomes by file was a tenth of a
     * first start's single-threaded tail).
     */
    private List<Skip> rebuild(List<Outcome> outcomes) {
        others.clear();
        warned.clear();
        List<Article> articles = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            if (o.article() == null) {
                others.put(o.file().path(), o);
            } else {
                articles.add(o.article());
            }
        }
        // usually no two files claim one key: the snapshot is built at once, its key table built
        // beside its lists; only when keys clash are the winners picked first
        Optional<IndexSnapshot> unique = IndexSnapshot.ifKeysUnique(articles, generation + 1);
        if (unique.isPresent()) {
            for (Outcome o : outcomes) {
                if (o.article() != null) {
                    holdWinner(o);
                }
            }
            duplicateKeys = Set.of();
            snapshot = unique.get();
            ++generation;
            return List.of();
        }
        Set<Article> lost = Collections.newSetFromMap(new IdentityHashMap<>());
        KeyTable keys = KeyTable.of(articles, (x, y) -> FILE_ORDER.compare(y, x) < 0 ? y : x, lost::add);
        List<Outcome> losers = new ArrayList<>();
        List<Article> winners = lost.isEmpty() ? articles : new ArrayList<>(articles.size());
        for (Outcome o : outcomes) { // in the given order: a store's is the snapshot's, so sorting costs one pass
            if (o.article() == null) {
                continue;
            }
            if (!lost.isEmpty() && lost.contains(o.article())) {
                losers.add(o);
                continue;
            }
            if (winners != articles) {
                winners.add(o.article());
            }
            holdWinner(o);
        }
        losers.sort(Comparator.comparing(Outcome::article, FILE_ORDER));
        List<Skip> duplicates = new ArrayList<>(losers.size());
        Set<String> dupes = new HashSet<>();
        for (Outcome o : losers) {
            duplicates.add(new Skip(o.file().path().toString(), 0, "duplicate key '" + o.article().key()
                    + "' (front-matter id or path) of an earlier file", false));
            dupes.add(o.article().key());
            others.put(o.file().path(), o);
        }
        duplicateKeys = dupes;
        snapshot = new IndexSnapshot(winners, keys, ++generation);
        return duplicates;
    }
}
