package io.posthorn.source;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWatcherTest {
    @TempDir
    Path dir;

    @Test
    void aRootDeletedLeavesTheWatchIncompleteWhileOtherFoldersStillReport() throws Exception {
        Path kept = Files.createDirectories(dir.resolve("kept"));
        Path gone = Files.createDirectories(dir.resolve("gone/2022"));
        Set<Path> changed = ConcurrentHashMap.newKeySet();
        try (FolderWatcher watcher = new FolderWatcher(List.of(kept, dir.resolve("gone")), List.of(), new FolderWatcher.Listener() {
            @Override
            public void changed(Path path) {
                changed.add(path);
            }

            @Override
            public void overflow() {
            }
        })) {
            Path file = Files.writeString(kept.resolve("a.md"), "a");
            waitFor(() -> changed.contains(file));
            assertTrue(watcher.complete(), "every folder watched");

            Files.delete(gone);
            Files.delete(dir.resolve("gone"));
            waitFor(() -> !watcher.complete());
            assertFalse(watcher.complete(), "a root gone: nothing watches what comes in its place");
            Path later = Files.writeString(kept.resolve("b.md"), "b");
            waitFor(() -> changed.contains(later));
            assertTrue(changed.contains(later), "the other root is still watched");
        }
    }

    @Test
    void aRootReplacedByAnotherFolderMovedIntoItsPlaceIsNoLongerWhole() throws Exception {
        Path root = Files.createDirectories(dir.resolve("site/articles"));
        Path next = Files.createDirectories(dir.resolve("next"));
        try (FolderWatcher watcher = new FolderWatcher(List.of(root), List.of(), new FolderWatcher.Listener() {
            @Override
            public void changed(Path path) {
            }

            @Override
            public void overflow() {
            }
        })) {
            assertTrue(watcher.complete());
            Files.move(root, dir.resolve("site/old"));
            Files.move(next, root);
            assertFalse(watcher.complete(), "no event says so, and the watch follows the old folder");
        }
    }

    @Test
    void aFolderMadeBesideAWatchedFileIsNotWatched() throws Exception {
        Path root = Files.createDirectories(dir.resolve("articles"));
        Path config = Files.writeString(dir.resolve("feeds.yml"), "site: {}\n");
        Set<Path> changed = ConcurrentHashMap.newKeySet();
        try (FolderWatcher watcher = new FolderWatcher(List.of(root), List.of(config), new FolderWatcher.Listener() {
            @Override
            public void changed(Path path) {
                changed.add(path);
            }

            @Override
            public void overflow() {
            }
        })) {
            // an export folder next to feeds.yml: thousands of files that are none of the index's business
            Path export = Files.createDirectories(dir.resolve("export"));
            waitFor(() -> changed.contains(export));
            Path page = Files.writeString(export.resolve("index.html"), "x");
            Path sub = Files.createDirectories(root.resolve("2022"));
            waitFor(() -> changed.contains(sub));
            Path article = Files.writeString(sub.resolve("a.md"), "a");
            waitFor(() -> changed.contains(article));
            assertTrue(changed.contains(article), "a new folder under a root is watched");
            assertFalse(changed.contains(page), "one beside the configuration is not: " + changed);
            assertTrue(watcher.complete());
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
