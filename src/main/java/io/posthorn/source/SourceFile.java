package io.posthorn.source;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A candidate article file found under a source folder.
 *
 * @param source   index of its source in the configuration
 * @param root     the source folder
 * @param relative path under {@code root}, always with {@code /} separators
 */
public record SourceFile(int source, Path root, String relative) {
    public SourceFile {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(relative, "relative");
        if (relative.isEmpty() || relative.startsWith("/")) {
            throw new IllegalArgumentException("relative path must be relative: " + relative);
        }
    }

    /** The file on disk. */
    public Path path() {
        return root.resolve(relative);
    }

    /** The relative path without its extension: an article's default key. */
    public String stem() {
        int slash = relative.lastIndexOf('/');
        int dot = relative.lastIndexOf('.');
        return dot > slash + 1 ? relative.substring(0, dot) : relative;
    }

    /** The file name without folders. */
    public String fileName() {
        return relative.substring(relative.lastIndexOf('/') + 1);
    }
}
