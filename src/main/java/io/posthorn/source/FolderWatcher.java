package io.posthorn.source;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches folders recursively with the platform {@link WatchService} (inotify on Linux), including
 * folders created later, and reports each changed path; an overflow (events lost) is reported so
 * the caller can rescan. Events are hints: the caller re-reads what a path holds now. Symbolic
 * links are not followed. Thread-safe; one daemon thread delivers events.
 */
public final class FolderWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);

    /** Receives what changed; called on the watcher thread. */
    public interface Listener {
        void changed(Path path);

        void overflow();
    }

    private final WatchService service;
    private final Map<WatchKey, Path> dirs = new ConcurrentHashMap<>();
    private final Listener listener;
    private final Thread thread;
    private final List<Path> roots;
    /** Each root's file key (device and inode) when it was registered: another one means the folder was replaced. */
    private final Map<Path, Object> rootKeys = new java.util.HashMap<>(); // written in the constructor only
    /** False once some folder could not be watched (a new one, or a root replaced): events may be missing. */
    private volatile boolean complete = true;

    /** Starts watching {@code roots} (recursively) and the single files {@code files} (their folder, non-recursively). */
    public FolderWatcher(List<Path> roots, List<Path> files, Listener listener) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.listener = listener;
        this.roots = List.copyOf(roots);
        for (Path root : roots) {
            registerTree(root);
            rootKeys.put(root, fileKey(root));
        }
        for (Path file : files) {
            Path dir = file.toAbsolutePath().getParent();
            if (!dirs.containsValue(dir)) {
                register(dir);
            }
        }
        this.thread = new Thread(this::run, "posthorn-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void registerTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (SourceScanner.leftOut(root, dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                register(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void register(Path dir) throws IOException {
        WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
        dirs.put(key, dir);
    }

    private void run() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path dir = dirs.get(key);
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
                    listener.overflow();
                    continue;
                }
                Path path = dir.resolve((Path) event.context());
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && underRoot(path)
                        && Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && !SourceScanner.hidden(path)) {
                    try {
                        // files may already be inside: the listener re-reads the folder as a whole
                        registerTree(path);
                    } catch (IOException e) {
                        complete = false;
                        LOG.warn("cannot watch new folder {}: {}; the watch is set up again at the next rescan",
                                path, e.getMessage());
                    }
                }
                listener.changed(path);
            }
            if (!key.reset()) {
                dirs.remove(key);
                if (dir != null && roots.contains(dir)) {
                    // a root deleted or replaced: nothing watches what may come in its place
                    complete = false;
                    LOG.warn("no longer watching {} (deleted or replaced); the watch is set up again at the next rescan", dir);
                }
            }
        }
    }

    /**
     * Whether {@code path} is inside a watched tree: a folder made beside a single watched file
     * (an export folder next to {@code feeds.yml}) is not watched.
     */
    private boolean underRoot(Path path) {
        for (Path root : roots) {
            if (path.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every folder that was found is watched: false once a new folder could not be
     * registered or a root was deleted, and whenever a root is now another folder than the one
     * registered (one moved into its place raises no event, and the watch follows the old one).
     * Then events may be missing for good: watch again. Stats each root.
     */
    public boolean complete() {
        if (!complete) {
            return false;
        }
        for (Path root : roots) {
            Object now = fileKey(root);
            if (now == null || !now.equals(rootKeys.get(root))) {
                return false;
            }
        }
        return true;
    }

    /** A folder's file key, a stand-in where the platform has none, or null when it cannot be read. */
    private static Object fileKey(Path folder) {
        try {
            Object key = Files.readAttributes(folder, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
            return key != null ? key : folder;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing watch service: {}", e.getMessage());
        }
        thread.interrupt();
    }
}
