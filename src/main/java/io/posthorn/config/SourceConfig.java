package io.posthorn.config;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One article folder.
 *
 * @param path absolute, normalised folder read recursively
 * @param name     label shown on the index page (the folder name when not configured)
 * @param encoding charset every file of this source is in, or null to detect (BOM, UTF-8, GB18030)
 */
public record SourceConfig(Path path, String name, Charset encoding) {
    public SourceConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
    }
}
