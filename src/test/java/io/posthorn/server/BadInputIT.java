package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import io.posthorn.source.Skip;
import io.posthorn.testing.AtomSchema;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input fixture folder ({@code src/test/resources/articles/bad}, plus files only a running
 * test can make: a FIFO, symbolic links out of the root and in a loop, an unreadable file, a 5 MiB
 * file) served by a real server; each case's expected outcome ({@code bad-expected.tsv}) is
 * asserted one by one: served (by its exact title), skipped or ignored (by its reason).
 */
class BadInputIT {
    @TempDir
    static Path dir;
    static RunningServer server;
    static Map<String, String> served;
    static boolean unreadableWorks;

    record Case(String path, String outcome, String detail) {
    }

    static List<Case> cases() throws IOException {
        try (InputStream in = BadInputIT.class.getResourceAsStream("/articles/bad-expected.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).filter(l -> !l.isBlank())
                    .map(l -> l.split("\t", 3)).map(f -> new Case(f[0], f[1], f[2])).toList();
        }
    }

    static Stream<Arguments> named() throws IOException {
        return cases().stream().map(c -> Arguments.of(Named.of(c.path() + " -> " + c.outcome(), c)));
    }

    @BeforeAll
    static void start() throws Exception {
        Path articles = dir.resolve("articles");
        Path fixtures = Paths.get(BadInputIT.class.getResource("/articles/bad").toURI());
        try (Stream<Path> files = Files.walk(fixtures)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = articles.resolve(fixtures.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path runtime = articles.resolve("runtime");
        Files.createDirectories(runtime);
        // editor backups: Maven's default excludes keep these names out of test resources
        for (String backup : List.of("x.md~", ".#x.md", "#x.md#")) {
            TestSites.write(runtime.resolve(backup), TestSites.article("编辑器备份", "2022-06-21", "x", "y", "<p>x</p>"));
        }
        Process mkfifo = new ProcessBuilder("mkfifo", runtime.resolve("fifo.md").toString()).start();
        assertEquals(0, mkfifo.waitFor());
        Path outside = TestSites.write(dir.resolve("outside/2022-06-21-secret.md"),
                TestSites.article("根目录之外的秘密", "2022-06-21", "x", "y", "<p>secret</p>"));
        Files.createSymbolicLink(runtime.resolve("link-outside.md"), outside);
        Files.createSymbolicLink(runtime.resolve("link-loop.md"), runtime.resolve("link-loop-2.md"));
        Files.createSymbolicLink(runtime.resolve("link-loop-2.md"), runtime.resolve("link-loop.md"));
        Path unreadable = TestSites.write(runtime.resolve("2022-06-21-unreadable.md"),
                TestSites.article("读不到", "2022-06-21", "x", "y", "<p>x</p>"));
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        unreadableWorks = !Files.isReadable(unreadable); // root reads anything
        Files.writeString(runtime.resolve("2022-06-21-huge.md"), TestSites.article("太大了", "2022-06-21", "x", "y",
                "<p>" + "大".repeat(5 * 1024 * 1024 / 3) + "</p>"));
        server = RunningServer.start(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", ""));
        Feed all = Feeds.rome(server.get("/feeds/all.atom?limit=500"));
        served = all.getEntries().stream().collect(Collectors.toMap(Entry::getTitle, Entry::getId, (a, b) -> a + " " + b));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("named")
    void eachCaseHasItsExpectedOutcome(Case c) {
        Path file = dir.resolve("articles").resolve(c.path().replace("runtime:", "runtime/"));
        List<Skip> skips = server.load().skipped().stream().filter(s -> Path.of(s.file()).equals(file)).toList();
        switch (c.outcome()) {
            case "served" -> {
                assertTrue(served.containsKey(c.detail()), "not served: " + c.detail());
                assertEquals(List.of(), skips);
            }
            case "skipped", "ignored" -> {
                if (c.path().contains("unreadable")) {
                    Assumptions.assumeTrue(unreadableWorks, "running as root: every file is readable");
                }
                assertEquals(1, skips.size(), "one logged reason for " + file + ": " + skips);
                assertTrue(skips.get(0).reason().startsWith(c.detail()), skips.get(0).reason());
                assertEquals(c.outcome().equals("ignored"), skips.get(0).ignored(), skips.get(0).toString());
            }
            default -> throw new AssertionError("unknown outcome " + c.outcome());
        }
    }

    @org.junit.jupiter.api.Test
    void everyGoodArticleIsServedOnceAndEveryFeedIsValid() throws IOException {
        // as root the unreadable file is readable, and then served
        long good = cases().stream().filter(c -> c.outcome().equals("served")).count() + (unreadableWorks ? 0 : 1);
        assertEquals(good, served.size(), "served titles: " + served.keySet());
        assertTrue(served.values().stream().noneMatch(id -> id.contains(" ")), "no duplicates");
        assertTrue(!served.containsKey("根目录之外的秘密"), "a link out of the root is never followed");
        String opml = Feeds.text(server.get("/opml.xml"));
        var m = java.util.regex.Pattern.compile("xmlUrl=\"http://127\\.0\\.0\\.1:8080/([^\"]+)\"").matcher(opml);
        int feeds = 0;
        while (m.find()) {
            HttpResponse<byte[]> r = server.get("/" + m.group(1));
            assertEquals(200, r.statusCode(), m.group(1));
            assertEquals(List.of(), AtomSchema.errors(r.body()), m.group(1));
            feeds++;
        }
        assertTrue(feeds > 20, "feeds: " + feeds);
        // the 200-tag article created at most articles.max_tags tag feeds, with a warning
        assertTrue(server.load().warnings().stream().anyMatch(w -> w.reason().equals("kept the first 20 tags of 200 (articles.max_tags)")));
    }
}
