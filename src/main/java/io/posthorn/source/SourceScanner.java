package io.posthorn.source;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Walks source folders and lists candidate article files. Symbolic links are never followed, so
 * a link can neither leave the source folder nor loop. Thread-safe: stateless.
 */
public final class SourceScanner {
    private static final Set<String> ARTICLE_EXTENSIONS = Set.of("md", "markdown", "html", "htm");

    /**
     * What a scan found.
     *
     * @param attributes what the walk learned of each file, so that reading it needs no second stat
     */
    public record Result(List<SourceFile> files, List<Skip> skipped, java.util.Map<SourceFile, BasicFileAttributes> attributes) {
        public Result {
            files = List.copyOf(files);
            skipped = List.copyOf(skipped);
            attributes = java.util.Map.copyOf(attributes);
        }
    }

    private SourceScanner() {
    }

    /** Scans {@code root} recursively; {@code source} is its index in the configuration. */
    public static Result scan(int source, Path root) {
        return scan(source, root, root, null);
    }

    /**
     * Scans the folder {@code start} (the source folder {@code root} or one under it) recursively,
     * handing each folder it enters to {@code folders} (when not null) with its attributes.
     */
    public static Result scan(int source, Path root, Path start, BiConsumer<Path, BasicFileAttributes> folders) {
        List<SourceFile> files = new ArrayList<>();
        java.util.Map<SourceFile, BasicFileAttributes> attributes = new java.util.HashMap<>();
        List<Skip> skipped = walk(source, root, start, (found, attrs) -> {
            files.add(found);
            attributes.put(found, attrs);
        }, folders);
        return new Result(files, skipped, attributes);
    }

    /**
     * Walks {@code root} recursively, handing each candidate file to {@code found} as soon as it
     * is seen (with the attributes the walk read), so that reading can overlap the walk.
     *
     * @return what was not a candidate, or could not be walked
     */
    public static List<Skip> walk(int source, Path root, BiConsumer<SourceFile, BasicFileAttributes> found) {
        return walk(source, root, root, found, null);
    }

    /**
     * Walks the folder {@code start} (the source folder {@code root} or one under it, never one
     * under a hidden folder) as {@link #walk(int, Path, BiConsumer)} walks the source folder,
     * handing each folder it enters to {@code folders} (when not null) with its attributes.
     */
    public static List<Skip> walk(int source, Path root, Path start, BiConsumer<SourceFile, BasicFileAttributes> found,
                                  BiConsumer<Path, BasicFileAttributes> folders) {
        List<Skip> skipped = new ArrayList<>();
        if (!start.startsWith(root) || hiddenFolderOn(root, start)) {
            return skipped;
        }
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (leftOut(root, dir)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (folders != null) {
                        folders.accept(dir, attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String relative = relative(root, file);
                    String reason = ignoreReason(file.getFileName().toString(), attrs);
                    if (reason == null) {
                        found.accept(new SourceFile(source, root, relative), attrs);
                    } else {
                        skipped.add(new Skip(root.resolve(relative).toString(), 0, reason, true));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    skipped.add(new Skip(file.toString(), 0, "cannot read: " + e.getMessage(), false));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (java.nio.file.NoSuchFileException e) {
            if (start.equals(root)) {
                skipped.add(new Skip(root.toString(), 0, "cannot scan folder: " + e.getMessage(), false));
            } // a folder under the source that went while the update was waiting: nothing in it
        } catch (IOException e) {
            skipped.add(new Skip(start.toString(), 0, "cannot scan folder: " + e.getMessage(), false));
        }
        return skipped;
    }

    /**
     * Whether a folder is hidden (its name begins with a dot): a walk leaves it out with everything
     * in it, unless it is the source folder itself. The one rule the walks, {@link #walked},
     * {@link #candidate} and the folder watcher share.
     */
    public static boolean hidden(Path folder) {
        Path name = folder.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** Whether a walk from {@code root} leaves out the folder {@code dir}: a hidden folder that is not the root. */
    public static boolean leftOut(Path root, Path dir) {
        return !dir.equals(root) && hidden(dir);
    }

    /** Whether a folder between {@code root} and {@code path} (both excluded) is hidden. */
    private static boolean hiddenFolderOn(Path root, Path path) {
        for (Path dir = path.getParent(); dir != null && dir.startsWith(root) && !dir.equals(root); dir = dir.getParent()) {
            if (hidden(dir)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a folder under {@code root} would be walked: not left out, nor under a folder that is.
     */
    public static boolean walked(Path root, Path folder) {
        return folder.startsWith(root) && !leftOut(root, folder) && !hiddenFolderOn(root, folder);
    }

    /**
     * {@code path} as a candidate article of the source at {@code root}, as a scan would list it,
     * or empty when it is gone, under a hidden folder, or not an article file.
     */
    public static java.util.Optional<SourceFile> candidate(int source, Path root, Path path) {
        if (!path.startsWith(root) || path.equals(root)) {
            return java.util.Optional.empty();
        }
        if (hiddenFolderOn(root, path)) {
            return java.util.Optional.empty();
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        if (ignoreReason(path.getFileName().toString(), attrs) != null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new SourceFile(source, root, relative(root, path)));
    }

    /** Why a file name is not an article, or null when it may be one. */
    public static String ignoreReason(String name, BasicFileAttributes attrs) {
        if (name.startsWith(".")) {
            return "ignored: hidden file";
        }
        if (name.endsWith("~") || name.startsWith("#") || name.endsWith(".swp") || name.endsWith(".tmp")) {
            return "ignored: editor backup or temporary file";
        }
        if (attrs.isSymbolicLink()) {
            return "ignored: symbolic link (never followed)";
        }
        if (!attrs.isRegularFile()) {
            return "ignored: not a regular file";
        }
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!ARTICLE_EXTENSIONS.contains(ext)) {
            return "ignored: not an article file (expected .md, .markdown or .html)";
        }
        return null;
    }

    /** {@code file}'s path under {@code root}, {@code /}-separated. */
    public static String relative(Path root, Path file) {
        String separator = file.getFileSystem().getSeparator();
        String full = file.toString();
        String base = root.toString();
        // a walk's paths extend the root's path: cut it off instead of the costlier relativize
        String relative = full.startsWith(base) && full.startsWith(separator, base.length())
                ? full.substring(base.length() + separator.length())
                : root.relativize(file).toString();
        return separator.equals("/") ? relative : relative.replace(separator, "/");
    }
}
