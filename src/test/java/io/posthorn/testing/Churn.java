package io.posthorn.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Queue;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;

/** Random changes to a folder (adds, edits, deletes, renames, broken files) and checks of what readers got. */
public final class Churn {
    private final Path folder;
    private final Random random;
    private int changes;

    public Churn(Path folder, long seed) {
        this.folder = folder;
        this.random = new Random(seed);
    }

    public int changes() {
        return changes;
    }

    /** Makes one random change under the folder (category {@code churn}, tags 热 and 冷). */
    public void step() {
        int i = random.nextInt(30);
        Path file = folder.resolve("2022-10-%02d-c%02d.md".formatted(i % 28 + 1, i));
        try {
            switch (random.nextInt(6)) {
                case 0, 1 -> TestSites.write(file, TestSites.article("变动" + i + "版" + changes,
                        "2022-10-%02d 10:%02d:00 +0800".formatted(i % 28 + 1, changes % 60), "churn",
                        random.nextBoolean() ? "热" : "热 冷", "<p>正文" + changes + "。</p><p>来源：财联社</p>"));
                case 2 -> Files.deleteIfExists(file);
                case 3 -> {
                    if (Files.exists(file)) {
                        Files.move(file, folder.resolve("2022-10-%02d-r%02d.md".formatted(i % 28 + 1, i)),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                case 4 -> TestSites.write(file, "---\ntitle: [broken\n---\n");
                default -> {
                    byte[] junk = new byte[random.nextInt(512)];
                    random.nextBytes(junk);
                    Files.createDirectories(folder);
                    Files.write(file, junk);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        changes++;
    }

    /** Records a problem when a feed response is not a complete, well-formed document whose ETag matches its bytes. */
    public static void check(String path, HttpResponse<byte[]> r, Queue<String> problems) {
        if (r.statusCode() == 404 && !path.contains("/all.")) {
            return; // a feed may be empty (gone) for a moment during churn
        }
        if (r.statusCode() != 200) {
            problems.add(path + ": status " + r.statusCode());
            return;
        }
        byte[] body = r.headers().firstValue("Content-Encoding").isPresent() ? Feeds.gunzip(r.body()) : r.body();
        try {
            String expected = "\"" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(r.body())).substring(0, 27) + "\"";
            if (!expected.equals(r.headers().firstValue("ETag").orElse(""))) {
                problems.add(path + ": ETag does not match the bytes");
            }
            if (path.endsWith(".json")) {
                Feeds.json(body);
            } else {
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(body));
            }
        } catch (Exception | AssertionError e) {
            problems.add(path + ": " + e.getMessage());
        }
    }
}
