package io.posthorn.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One article folder.
 *
 * @param path absolute, normalised folder read recursively
 * @param name label shown on the index page (the folder name when not configured)
 */
public record SourceConfig(Path path, String name) {
    public SourceConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
    }
}
