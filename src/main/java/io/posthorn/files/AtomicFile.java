package io.posthorn.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The one way Posthorn replaces a file it owns (article files from upstreams, upstream state,
 * the index store, WebSub subscriptions, exported documents): the content goes to a hidden
 * temporary file beside it (unique, so two writers never share one), which is then renamed over
 * the file, atomically where the file system can; a reader sees the old file or the new one,
 * never half of one, and a failed write leaves the old file and no temporary behind. Stateless.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** What writes the content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces {@code file} with {@code bytes}, creating its folder if needed. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, false, out -> out.write(bytes));
    }

    /**
     * Replaces {@code file} with what {@code content} writes (buffered), creating its folder if needed.
     *
     * @param ownerOnly whether the file is readable by its owner only (it holds secrets); else it is
     *                  readable by everyone and writable by its owner
     */
    public static void write(Path file, boolean ownerOnly, Content content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            // a temporary file is made owner-only; the others are what a file usually is (rw-r--r--):
            // an export is read by the web server's own user, article files by the operator's tools
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions apply
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                content.writeTo(out);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@code file}'s modification time in milliseconds, or 0 when it cannot be read (it does not exist). */
    public static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
