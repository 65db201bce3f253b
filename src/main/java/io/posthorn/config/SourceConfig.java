package io.posthorn.config;

import io.posthorn.clean.CleanRules;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One source of articles. Every source ends in a folder of article files, which the index reads
 * the same way whatever filled it; {@link #kind} says what else, if anything, fills the folder
 * (nothing for a plain folder, a poller for an upstream feed). A new kind of source is one more
 * {@link SourceKind} and the code that runs it, not a change to how folders are read.
 *
 * @param path     absolute, normalised folder read recursively
 * @param name     label shown on the index page (the folder name when not configured)
 * @param encoding charset every file of this source is in, or null to detect (BOM, UTF-8, GB18030)
 * @param clean    the cleaning rules for this source's articles: the global ones plus its own
 * @param kind     what fills the folder
 */
public record SourceConfig(Path path, String name, Charset encoding, CleanRules clean, SourceKind kind) {
    public SourceConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clean, "clean");
        Objects.requireNonNull(kind, "kind");
    }

    /** A plain folder with the default cleaning rules. */
    public SourceConfig(Path path, String name, Charset encoding) {
        this(path, name, encoding, CleanRules.defaults(), SourceKind.FOLDER);
    }
}
