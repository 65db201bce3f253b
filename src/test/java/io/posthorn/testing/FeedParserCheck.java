package io.posthorn.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads a feed as a real reader library does: Python's feedparser (Debian's python3-feedparser,
 * which .ci/run installs), and says whether it found the document ill-formed ({@code bozo}).
 */
public final class FeedParserCheck {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private FeedParserCheck() {
    }

    /** Whether /usr/bin/python3 can import feedparser here. */
    public static boolean available() {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import feedparser").start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * feedparser's verdict on {@code bytes}: {@code "bozo=0 entries=N"} when well-formed, else
     * {@code "bozo=1 <exception>"}.
     */
    public static String verdict(byte[] bytes) throws IOException, InterruptedException {
        Path file = Files.createTempFile("posthorn-feed", ".xml");
        try {
            Files.write(file, bytes);
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", """
                    import sys, feedparser
                    d = feedparser.parse(sys.argv[1])
                    print("bozo=1 %r" % d.get("bozo_exception") if d.bozo else "bozo=0 entries=%d" % len(d.entries))
                    """, file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("feedparser did not finish");
            }
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
