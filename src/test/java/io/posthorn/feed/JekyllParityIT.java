package io.posthorn.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jekyll itself, where it is installed (.ci/run installs Debian's jekyll): builds the posts of
 * {@code src/test/resources/jekyll} under every style in {@code styles.txt} and checks that
 * Posthorn computes the same {@code page.url} for each, so the table of PermalinksTest cannot
 * drift from the real thing.
 */
class JekyllParityIT {
    @TempDir
    Path dir;

    @Test
    void posthornMakesTheUrlsJekyllMakes() throws Exception {
        io.posthorn.article.ArticleReader reader = PermalinksTest.reader(dir);
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/jekyll")), "jekyll is not installed");
        Process p = new ProcessBuilder("bash", PermalinksTest.SITE.resolve("generate-expected.sh").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (String line : out.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            String ours = new Permalinks("https://finance.example.com", f[0], PermalinksTest.ZONE)
                    .path(PermalinksTest.post(reader, f[1]));
            compared++;
            if (!f[2].equals(ours)) {
                mismatches.add(f[0] + " " + f[1] + ": Jekyll " + f[2] + ", Posthorn " + ours);
            }
        }
        assertTrue(compared >= 100, "rows compared: " + compared);
        assertEquals(List.of(), mismatches);
    }
}
