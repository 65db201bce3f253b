package io.posthorn.source;

import java.util.Objects;

/**
 * A file that is not served, with the reason, for the log and the {@code check} command.
 *
 * @param file   the path as the operator knows it (relative to the working folder when possible)
 * @param line   1-based line of the problem, or 0 when it concerns the whole file
 * @param reason one line, no trailing period
 * @param ignored true for files that are not articles at all (backups, hidden files), false for
 *                articles that are broken
 */
public record Skip(String file, int line, String reason, boolean ignored) {
    public Skip {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + reason;
    }
}
