package io.posthorn.server;

import io.posthorn.config.WatchConfig;
import io.posthorn.index.LiveIndex;
import io.posthorn.source.FolderWatcher;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link LiveIndex} in step with its folders: watch events and periodic rescans feed one
 * update path, debounced so a burst of writes becomes one update; each update swaps in a new
 * snapshot and hands it on. A file that failed to parse while it was fresh (probably half-written)
 * is read again shortly after; one skipped for a date in the future, once that date comes (checked
 * every minute and at every rescan). The configuration file is watched too and reported on change.
 *
 * <p>Thread-safe: all index work happens on one scheduler thread; the watcher thread only
 * records paths.
 */
final class Updater implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Updater.class);
    private static final long MAX_DELAY_MS = 1000;
    private static final long RETRY_MS = 500;
    private static final int MAX_RETRIES = 6;

    private final LiveIndex index;
    private final WatchConfig settings;
    private final Consumer<LiveIndex.Update> onUpdate;
    private final Path configFile;
    private final Runnable onConfigChange;
    private final ScheduledExecutorService scheduler;
    private final Set<Path> pending = new HashSet<>();
    private final Map<Path, Integer> retries = new HashMap<>();
    private boolean overflow;
    private long firstPending;
    private ScheduledFuture<?> flush;
    private FolderWatcher watcher; // guarded by this
    private final Runnable persist;
    private final Consumer<Rescanned> onRescan;
    private boolean dirty; // the index changed since the store was written; updater thread only
    private volatile long configMtime; // of the configuration file, as last acted on
    private static final long PERSIST_DELAY_S = 30;
    /** The index store is written again no sooner than this many times its last write took. */
    private static final long PERSIST_SHARE = 20;
    private long lastPersistMillis; // updater thread only
    private static final long DUE_CHECK_S = 60;
    /**
     * While watching, the periodic rescan goes by folder; every file is compared this often all the
     * same: an edit in place changes no folder's time, and a watch may miss events without saying
     * so (on a network file system, a change made by another machine raises none).
     */
    static final long FULL_COMPARE_MS = TimeUnit.HOURS.toMillis(1);
    private long lastFullCompare; // System.nanoTime() of the last compare of every file; updater thread only
    /** A watch that lost folders (or could not start) is set up again no more often than this. */
    static final long REWATCH_MS = TimeUnit.MINUTES.toMillis(10);
    private long lastWatch; // System.nanoTime() of the last attempt to watch; updater thread only
    private boolean wasWhole; // the watch was whole at the last rescan; updater thread only
    private final List<Path> roots;

    /**
     * @param persist        writes the index store (called on the updater thread), or null for none
     * @param configLoadedAt the modification time of {@code configFile} when it was read: a later
     *                       one, seen once the watch is set up or at a rescan, is a change (an edit
     *                       made before the watch was registered would otherwise be lost)
     */
    Updater(LiveIndex index, WatchConfig settings, List<Path> roots, Path configFile, long configLoadedAt,
            Consumer<LiveIndex.Update> onUpdate, Runnable onConfigChange, Runnable persist,
            Consumer<Rescanned> onRescan) {
        this.onRescan = onRescan;
        this.roots = List.copyOf(roots);
        this.configMtime = configLoadedAt;
        this.persist = persist;
        this.index = index;
        this.settings = settings;
        this.onUpdate = onUpdate;
        this.configFile = configFile;
        this.onConfigChange = onConfigChange;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "posthorn-updater");
            t.setDaemon(true);
            return t;
        });
        // registering walks every folder: do it off the caller's thread, then catch up with what
        // changed between the load (from the folders or from the index store) and now
        scheduler.execute(() -> {
            long start = System.nanoTime();
            if (settings.enabled()) {
                watch();
            }
            lastFullCompare = System.nanoTime();
            update(index.changedOnDisk(), "catch-up rescan");
            checkConfig();
            if (persist != null) {
                persistTimed();
            }
            LOG.info("caught up with the folders in {} ms: {}{}", (System.nanoTime() - start) / 1_000_000,
                    watching() ? "watching them" : "not watching them",
                    persist != null ? ", index store written" : "");
        });
        if (settings.rescanSeconds() > 0) {
            scheduler.scheduleWithFixedDelay(this::rescan, settings.rescanSeconds(), settings.rescanSeconds(),
                    TimeUnit.SECONDS);
        }
        // an article dated ahead appears when its date comes, though its file does not change
        scheduler.scheduleWithFixedDelay(() -> update(index.due(), "scheduled date reached"), DUE_CHECK_S,
                DUE_CHECK_S, TimeUnit.SECONDS);
    }

    private void watch() {
        lastWatch = System.nanoTime();
        try {
            FolderWatcher w = new FolderWatcher(roots, List.of(configFile), new FolderWatcher.Listener() {
                @Override
                public void changed(Path path) {
                    Updater.this.changed(path);
                }

                @Override
                public void overflow() {
                    Updater.this.overflowed();
                }
            });
            synchronized (this) {
                if (scheduler.isShutdown()) {
                    w.close(); // closed while registering: close() found no watcher to close
                    return;
                }
                watcher = w;
            }
        } catch (IOException e) {
            LOG.warn("cannot watch the folders ({}); relying on the periodic rescan", e.getMessage());
        }
    }

    private synchronized boolean watching() {
        return watcher != null;
    }

    /**
     * Sets the watch up again when it lost folders (a root replaced or deleted, a new folder that
     * could not be registered) or could not start: at once when a whole watch has just lost some,
     * then no more often than every {@link #REWATCH_MS}.
     *
     * @return whether the folders are now watched whole: a rescan by folder is enough
     */
    private boolean watchWhole() {
        FolderWatcher w;
        synchronized (this) {
            w = watcher;
        }
        if (w != null && w.complete()) {
            wasWhole = true;
            return true;
        }
        boolean justLost = wasWhole; // at once when a whole watch has just lost folders; retries are spaced
        wasWhole = false;
        if (!settings.enabled() || !justLost && System.nanoTime() - lastWatch < TimeUnit.MILLISECONDS.toNanos(REWATCH_MS)) {
            return false;
        }
        LOG.warn("the watch has lost folders (a source folder replaced or gone, or one that could not be watched): watching again");
        synchronized (this) {
            if (watcher != null) {
                watcher.close();
                watcher = null;
            }
        }
        watch();
        return false; // events between the two watches may be lost: compare every file this time
    }

    private synchronized void changed(Path path) {
        if (path.equals(configFile)) {
            configMtime = modified(configFile);
            if (!scheduler.isShutdown()) {
                try {
                    scheduler.schedule(onConfigChange, settings.debounceMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // closing
                }
            }
            return;
        }
        pending.add(path);
        schedule();
    }

    /**
     * Paths written or deleted by Posthorn itself (an upstream poll): the same path as a watch
     * event, but without waiting for the watcher, so a new entry reaches its feeds at once.
     */
    synchronized void written(java.util.Collection<Path> paths) {
        pending.addAll(paths);
        schedule();
    }

    private synchronized void overflowed() {
        overflow = true;
        schedule();
    }

    /** Debounce: flush after a quiet period, but never later than MAX_DELAY_MS after the first change. */
    private void schedule() {
        long now = System.currentTimeMillis();
        if (flush == null || flush.isDone()) {
            firstPending = now;
        } else {
            flush.cancel(false);
        }
        long delay = Math.min(settings.debounceMillis(), Math.max(0, firstPending + MAX_DELAY_MS - now));
        if (scheduler.isShutdown()) {
            return; // closing: a last watch event or upstream write has nowhere to go, and need not
        }
        try {
            flush = scheduler.schedule(this::flush, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shut down between the check and here: the same
        }
    }

    private void flush() {
        Set<Path> paths;
        boolean rescan;
        synchronized (this) {
            paths = new HashSet<>(pending);
            pending.clear();
            rescan = overflow;
            overflow = false;
        }
        if (rescan) {
            lastFullCompare = System.nanoTime();
            paths.addAll(index.changedOnDisk());
        }
        update(paths, rescan ? "rescan after lost events" : "watch");
    }

    /**
     * The periodic rescan: while every folder is watched, by folder (only folders whose time
     * changed are listed: what the watch may have missed is a name come or gone), and every file
     * compared once every {@link #FULL_COMPARE_MS}; without a full watch, every file is compared
     * each time, since nothing else would see a file edited in place. A failure is logged and the
     * next rescan runs as planned.
     */
    private void rescan() {
        try {
            long start = System.nanoTime();
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long cpu = threads.getCurrentThreadCpuTime();
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            boolean byFolder = watchWhole() && start - lastFullCompare < TimeUnit.MILLISECONDS.toNanos(FULL_COMPARE_MS);
            if (byFolder) {
                LiveIndex.Rescan found = index.changedInFolders();
                LOG.debug("periodic rescan: {} folders checked, {} listed, {} paths changed, {} ms", found.folders(),
                        found.listed(), found.paths().size(), (System.nanoTime() - start) / 1_000_000);
                update(found.paths(), "periodic rescan");
            } else {
                lastFullCompare = start;
                update(index.changedOnDisk(), "periodic rescan");
            }
            checkConfig();
            onRescan.accept(new Rescanned(byFolder ? "folders" : "files", threads.getCurrentThreadCpuTime() - cpu,
                    threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocated));
        } catch (RuntimeException e) {
            // scheduleWithFixedDelay would cancel every later rescan (and config check) on a throw
            LOG.error("periodic rescan failed; the next one runs as planned", e);
        }
    }

    /**
     * What one periodic rescan cost its thread (the update it led to included).
     *
     * @param kind "folders" (by folder time, while watching) or "files" (every file compared)
     */
    record Rescanned(String kind, long cpuNanos, long allocatedBytes) {
    }

    /** Reports a change of the configuration file that no watch event told of (updater thread). */
    private void checkConfig() {
        long now = modified(configFile);
        if (now != configMtime) {
            configMtime = now;
            onConfigChange.run();
        }
    }

    /** A file's modification time in milliseconds, 0 when it cannot be read. */
    static long modified(Path file) {
        return io.posthorn.files.AtomicFile.modified(file);
    }

    private void update(Set<Path> paths, String why) {
        if (paths.isEmpty()) {
            return;
        }
        try {
            LiveIndex.Update update = index.apply(paths);
            if (update.files() == 0) {
                return; // nothing that was or is an article file: no new snapshot, nothing to write
            }
            onUpdate.accept(update);
            if (persist != null && !dirty) {
                dirty = true;
                // at a million articles a write takes seconds of this thread: never more than a
                // twentieth of its time, however often articles change
                long delay = Math.max(TimeUnit.SECONDS.toMillis(PERSIST_DELAY_S), PERSIST_SHARE * lastPersistMillis);
                scheduler.schedule(() -> {
                    dirty = false;
                    persistTimed();
                }, delay, TimeUnit.MILLISECONDS);
            }
            LOG.info("update ({}): {} files changed, {} feeds invalidated, {} articles, {} ms{}", why, update.files(),
                    update.affected().size(), update.snapshot().size(), update.millis(),
                    update.rebuilt() ? " (keys clashed: snapshot rebuilt)" : "");
            for (var skip : update.skipped()) {
                // a file still being written fails until it is complete: say so once, then only at debug level
                if (retries.containsKey(Path.of(skip.file()))) {
                    LOG.debug("skipped again {}", skip);
                } else {
                    LOG.warn("skipped {}", skip);
                }
            }
            retryFresh(update);
        } catch (RuntimeException e) {
            LOG.error("update failed; the previous snapshot keeps serving", e);
        }
    }

    /** Writes the index store and remembers how long that took (it spaces the next write). */
    private void persistTimed() {
        long start = System.nanoTime();
        persist.run();
        lastPersistMillis = (System.nanoTime() - start) / 1_000_000;
        LOG.debug("index store written in {} ms", lastPersistMillis);
    }

    /** A broken file written moments ago is probably still being written: read it again soon. */
    private void retryFresh(LiveIndex.Update update) {
        long now = System.currentTimeMillis();
        for (var skip : update.skipped()) {
            Path path = Path.of(skip.file());
            if (skip.ignored() || now - path.toFile().lastModified() > 5_000) {
                retries.remove(path);
                continue;
            }
            int n = retries.merge(path, 1, Integer::sum);
            if (n <= MAX_RETRIES) {
                scheduler.schedule(() -> update(Set.of(path), "retry of a fresh file"), RETRY_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        synchronized (this) {
            if (watcher != null) {
                watcher.close();
            }
        }
        try {
            if (scheduler.awaitTermination(5, TimeUnit.SECONDS) && dirty) {
                persist.run(); // the scheduler is gone: this thread is now the only one on the index
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
