package io.posthorn.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.article.ArticleReader;
import io.posthorn.config.Config;
import io.posthorn.testing.MovableClock;
import io.posthorn.testing.TestSites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental updates re-read only what changed and name exactly the feeds they touched. */
class LiveIndexTest {
    @TempDir
    Path dir;

    @Test
    void anEditTouchesOldAndNewCategoriesTagsAndSourcesOnly() throws Exception {
        Path articles = dir.resolve("articles");
        TestSites.write(articles.resolve("2022-06-01-a.md"), TestSites.article("A", "2022-06-01", "c1", "t1 t2",
                "<p>x</p><p>来源：甲</p>"));
        TestSites.write(articles.resolve("2022-06-02-b.md"), TestSites.article("B", "2022-06-02", "c2", "t3", "<p>y</p>"));
        Config config = TestSites.load(TestSites.writeConfig(dir, "http://x.org/", ""));
        LiveIndex index = new LiveIndex(config, new ArticleReader(config));
        assertEquals(2, index.load().snapshot().size());
        long generation = index.snapshot().generation();

        Path a = TestSites.write(articles.resolve("2022-06-01-a.md"), TestSites.article("A2", "2022-06-01", "c3", "t2 t4",
                "<p>x</p><p>来源：乙</p>"));
        LiveIndex.Update update = index.apply(Set.of(a));
        assertEquals(1, update.files());
        assertEquals(Set.of(FeedKey.ALL, new FeedKey(FeedKind.CATEGORY, "c1"), new FeedKey(FeedKind.CATEGORY, "c3"),
                new FeedKey(FeedKind.TAG, "t1"), new FeedKey(FeedKind.TAG, "t2"), new FeedKey(FeedKind.TAG, "t4"),
                new FeedKey(FeedKind.SOURCE, "甲"), new FeedKey(FeedKind.SOURCE, "乙")), update.affected());
        assertTrue(update.snapshot().generation() > generation);
        assertEquals("A2", update.snapshot().article("2022-06-01-a").orElseThrow().title());

        Files.delete(a);
        update = index.apply(Set.of(a));
        assertEquals(1, update.snapshot().size());
        assertTrue(update.affected().contains(new FeedKey(FeedKind.CATEGORY, "c3")));
        assertEquals(Set.of(), index.changedOnDisk(), "nothing left to re-read");

        TestSites.write(articles.resolve("sub/2022-06-03-c.md"), TestSites.article("C", "2022-06-03", "c2", "t3", "<p>z</p>"));
        assertEquals(Set.of(articles.resolve("sub/2022-06-03-c.md")), index.changedOnDisk());
        update = index.apply(Set.of(articles.resolve("sub")));
        assertEquals(2, update.snapshot().size(), "a folder stands for the files in it");

        // what touches no article keeps the snapshot: no rebuild, no new generation
        IndexSnapshot before = index.snapshot();
        update = index.apply(Set.of(dir.resolve("index.bin.tmp")));
        assertEquals(0, update.files());
        assertSame(before, update.snapshot());
        update = index.apply(Set.of(TestSites.write(articles.resolve("2022-06-04-broken.md"), "---\ntitle: [x\n---\n")));
        assertEquals(1, update.files());
        assertEquals(1, update.skipped().size());
        assertEquals(Set.of(), update.affected());
        assertSame(before, update.snapshot(), "a broken file that was not an article before changes no feed");
    }

    @Test
    void anArticleDatedAheadIsReadAgainWhenItsDateComesThoughItsFileDoesNotChange() throws Exception {
        Path articles = dir.resolve("articles");
        TestSites.write(articles.resolve("2030-01-01-now.md"), TestSites.article("Now", "2030-01-01 08:00:00 +0800",
                "c", "t", "<p>x</p>"));
        Path ahead = TestSites.write(articles.resolve("2030-01-10-ahead.md"),
                TestSites.article("Ahead", "2030-01-10 10:00:00 +0800", "c", "t", "<p>y</p>"));
        Config config = TestSites.load(TestSites.writeConfig(dir, "http://x.org/", ""));
        MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
        LiveIndex index = new LiveIndex(config, new ArticleReader(config, clock));
        LiveIndex.Load load = index.load();
        assertEquals(1, load.snapshot().size());
        assertTrue(load.skipped().stream().anyMatch(s -> s.reason().contains("in the future")), load.skipped().toString());
        assertEquals(Set.of(), index.due());
        assertEquals(Set.of(), index.changedOnDisk());

        // a day of grace: due from 2030-01-09T02:00Z, a day before 10:00 +08:00 on the 10th
        clock.advance(Duration.ofDays(8).plusHours(1).plusMinutes(59));
        assertEquals(Set.of(), index.due(), "a minute early");
        IndexStore store = new IndexStore(dir.resolve("index.bin"), config);
        index.save(store);
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Set.of(ahead), index.due());
        assertEquals(Set.of(ahead), index.changedOnDisk(), "a rescan reads it again");
        LiveIndex.Update update = index.apply(index.due());
        assertEquals(2, update.snapshot().size());
        assertTrue(update.affected().contains(FeedKey.ALL));
        assertEquals("Ahead", update.snapshot().all().get(0).title());
        assertEquals(Set.of(), index.due(), "read once, not again and again");

        // the store remembers when a skipped file is due
        LiveIndex restarted = new LiveIndex(config, new ArticleReader(config, clock));
        assertEquals(1, restarted.load(store).orElseThrow().snapshot().size());
        assertEquals(Set.of(ahead), restarted.due());
    }

    @Test
    void updatesMergedIntoTheSnapshotGiveWhatAFullLoadGives() throws Exception {
        Path articles = Files.createDirectories(dir.resolve("articles"));
        Config config = TestSites.load(TestSites.writeConfig(dir, "http://x.org/", ""));
        LiveIndex index = new LiveIndex(config, new ArticleReader(config));
        index.load();
        java.util.Random random = new java.util.Random(42);
        String[] tags = {"美股", "港股", "债券", "基金", "黄金"};
        String[] categories = {"cailianshe", "zhengquanshibao", "other"};
        int merged = 0;
        int rebuilt = 0;
        IndexSnapshot before = index.snapshot();
        for (int step = 0; step < 300; step++) {
            Set<Path> batch = new java.util.HashSet<>();
            for (int n = 1 + random.nextInt(3); n > 0; n--) { // one to three files per update
                batch.add(change(articles, random, step, tags, categories));
            }
            LiveIndex.Update update = index.apply(batch);
            // every feed, of every kind, whose entries changed is among those the update says it
            // touched: a served feed is dropped from the cache exactly then, never left stale
            for (FeedKey key : feedKeys(before, update.snapshot())) {
                if (!before.entries(key).equals(update.snapshot().entries(key))) {
                    assertTrue(update.affected().contains(key), "step " + step + ": " + key + " changed, not invalidated");
                }
            }
            before = update.snapshot();
            if (!update.affected().isEmpty()) {
                if (update.rebuilt()) {
                    rebuilt++;
                } else {
                    merged++;
                }
            }
            LiveIndex fresh = new LiveIndex(config, new ArticleReader(config));
            IndexSnapshot expected = fresh.load().snapshot();
            IndexSnapshot actual = update.snapshot();
            String at = "after step " + step;
            assertEquals(expected.all(), actual.all(), at);
            for (FeedKind kind : FeedKind.values()) {
                assertEquals(expected.feeds(kind), actual.feeds(kind), at + ", " + kind);
            }
            for (var a : expected.all()) {
                assertEquals(a, actual.article(a.key()).orElseThrow(), at);
            }
            assertEquals(expected.newestUpdate(), actual.newestUpdate(), at);
            // every file is known with its fingerprint, however it is held (snapshot or aside)
            assertEquals(Set.of(), index.changedOnDisk(), at);
            if (step % 25 == 0) { // and the store gives back the same index
                IndexStore store = new IndexStore(dir.resolve("index-" + step + ".bin"), config);
                index.save(store);
                LiveIndex restarted = new LiveIndex(config, new ArticleReader(config));
                LiveIndex.Load load = restarted.load(store).orElseThrow();
                assertEquals(expected.all(), load.snapshot().all(), at);
                for (FeedKind kind : FeedKind.values()) {
                    assertEquals(expected.feeds(kind), load.snapshot().feeds(kind), at + ", stored " + kind);
                }
                assertEquals(Set.copyOf(fresh.load().skipped()), Set.copyOf(load.skipped()), at);
                assertEquals(Set.of(), restarted.changedOnDisk(), at);
            }
        }
        assertTrue(merged > 150, "most updates merge: " + merged);
        assertTrue(rebuilt > 5, "clashing keys rebuild: " + rebuilt);
    }

    @Test
    void whenTheFileThatWonAKeyGoesTheOtherFilesFeedsChangeToo() throws Exception {
        Path articles = dir.resolve("articles");
        Path first = TestSites.write(articles.resolve("a/2022-06-01-x.md"),
                "---\nid: same\ntitle: A\ndate: 2022-06-01\ncategories: c1\ntags: t1\n---\n<p>x</p>\n");
        TestSites.write(articles.resolve("b/2022-06-02-y.md"),
                "---\nid: same\ntitle: B\ndate: 2022-06-02\ncategories: c2\ntags: t2\n---\n<p>y</p>\n");
        Config config = TestSites.load(TestSites.writeConfig(dir, "http://x.org/", ""));
        LiveIndex index = new LiveIndex(config, new ArticleReader(config));
        assertEquals("A", index.load().snapshot().article("same").orElseThrow().title(), "the first file in path order wins");

        Files.delete(first);
        LiveIndex.Update update = index.apply(Set.of(first));
        assertEquals("B", update.snapshot().article("same").orElseThrow().title());
        assertTrue(update.rebuilt());
        assertTrue(update.affected().containsAll(Set.of(new FeedKey(FeedKind.CATEGORY, "c1"),
                new FeedKey(FeedKind.CATEGORY, "c2"), new FeedKey(FeedKind.TAG, "t2"))), update.affected().toString());
    }

    @Test
    void aChangeAboveASourceFolderReachesItsArticlesAndOneBesideItNone() throws Exception {
        Path articles = dir.resolve("articles");
        TestSites.write(articles.resolve("2022-06-01-a.md"), TestSites.article("A", "2022-06-01", "c", "t", "<p>x</p>"));
        Config config = TestSites.load(TestSites.writeConfig(dir, "http://x.org/", ""));
        LiveIndex index = new LiveIndex(config, new ArticleReader(config));
        assertEquals(1, index.load().snapshot().size());

        TestSites.write(dir.resolve("notes.txt"), "not an article");
        assertEquals(0, index.apply(Set.of(dir.resolve("notes.txt"))).files());

        Files.move(articles, dir.resolve("moved")); // the folder that holds the source is renamed
        LiveIndex.Update update = index.apply(Set.of(dir));
        assertEquals(1, update.files());
        assertEquals(0, update.snapshot().size());
    }

    @Test
    void aPeriodicRescanListsOnlyTheFoldersWhoseTimeChanged() throws Exception {
        Path articles = dir.resolve("articles");
        Path june = articles.resolve("2022/06");
        Path july = articles.resolve("2022/07");
        Path a = TestSites.write(june.resolve("2022-06-01-a.md"), TestSites.article("A", "2022-06-01", "c", "t", "<p>a</p>"));
        TestSites.write(july.resolve("2022-07-01-b.md"), TestSites.article("B", "2022-07-01", "c", "t", "<p>b</p>"));
        Config config = TestSites.load(TestSites.writeConfig(dir, "http://x.org/", ""));
        LiveIndex index = new LiveIndex(config, new ArticleReader(config));
        assertEquals(2, index.load().snapshot().size());
        java.util.List<Path> folders = java.util.List.of(articles, articles.resolve("2022"), june, july);

        // times seen moments after a change are not trusted (a change in the same clock tick
        // would not show): such folders are listed again at the next rescan
        LiveIndex.Rescan first = index.changedInFolders();
        assertEquals(Set.of(), first.paths());
        assertEquals(4, first.folders());
        assertEquals(4, first.listed());
        age(folders);
        assertEquals(4, index.changedInFolders().listed(), "the times changed");
        LiveIndex.Rescan quiet = index.changedInFolders();
        assertEquals(0, quiet.listed(), "nothing changed: no folder listed, no file stat'ed");
        assertEquals(Set.of(), quiet.paths());

        // a file added, a folder added with its file, a folder gone with its file
        Path c = TestSites.write(june.resolve("2022-06-02-c.md"), TestSites.article("C", "2022-06-02", "c", "t", "<p>c</p>"));
        Path august = articles.resolve("2022/08");
        TestSites.write(august.resolve("2022-08-01-d.md"), TestSites.article("D", "2022-08-01", "c", "t", "<p>d</p>"));
        Files.delete(july.resolve("2022-07-01-b.md"));
        Files.delete(july);
        LiveIndex.Rescan found = index.changedInFolders();
        assertEquals(Set.of(c, august, july), found.paths());
        assertEquals(2, found.listed(), "2022 and 2022/06 changed; the root did not");
        LiveIndex.Update update = index.apply(found.paths());
        assertEquals(Set.of("2022/06/2022-06-01-a", "2022/06/2022-06-02-c", "2022/08/2022-08-01-d"),
                keys(update.snapshot()));

        // a file gone from a folder that stays; then one edited in place, its folder's time as it was
        age(java.util.List.of(articles, articles.resolve("2022"), june, august));
        index.changedInFolders();
        Files.delete(a);
        assertEquals(Set.of(a), index.changedInFolders().paths());
        index.apply(Set.of(a));
        age(java.util.List.of(june));
        index.changedInFolders();
        TestSites.write(c, TestSites.article("C edited", "2022-06-02", "c", "t", "<p>c, longer now</p>"));
        age(java.util.List.of(june));
        assertEquals(Set.of(), index.changedInFolders().paths(), "an edit in place is the watch's to report");
        assertEquals(Set.of(c), index.changedOnDisk(), "and the full rescan's");
    }

    @Test
    void aFolderOrARootThatGoesAndComesBackIsFoundAgainByTheFolderRescan() throws Exception {
        Path articles = dir.resolve("articles");
        Path year = articles.resolve("2022");
        Path june = year.resolve("06");
        TestSites.write(june.resolve("2022-06-01-a.md"), TestSites.article("A", "2022-06-01", "c", "t", "<p>a</p>"));
        Config config = TestSites.load(TestSites.writeConfig(dir, "http://x.org/", ""));
        LiveIndex index = new LiveIndex(config, new ArticleReader(config));
        assertEquals(1, index.load().snapshot().size());
        age(java.util.List.of(articles, year, june));
        index.changedInFolders();
        assertEquals(0, index.changedInFolders().listed(), "every time trusted");

        // a folder removed and made again with the same name, its parent's time the same each time
        // it is looked at (as within one tick of a coarse clock)
        Files.delete(june.resolve("2022-06-01-a.md"));
        Files.delete(june);
        age(java.util.List.of(year));
        assertEquals(Set.of(june), index.changedInFolders().paths());
        assertEquals(0, index.apply(Set.of(june)).snapshot().size());
        Path b = TestSites.write(june.resolve("2022-06-02-b.md"), TestSites.article("B", "2022-06-02", "c", "t", "<p>b</p>"));
        age(java.util.List.of(year, june));
        LiveIndex.Rescan back = index.changedInFolders();
        assertEquals(Set.of(june), back.paths(), "the parent of a folder found gone is listed again");
        assertEquals(Set.of("2022/06/2022-06-02-b"), keys(index.apply(back.paths()).snapshot()));
        assertTrue(Files.exists(b));

        // the source root replaced: moved away, another folder moved in its place
        Path next = dir.resolve("next");
        Path january = next.resolve("2023/01");
        TestSites.write(january.resolve("2023-01-01-c.md"), TestSites.article("C", "2023-01-01", "c", "t", "<p>c</p>"));
        age(java.util.List.of(articles, year, june, next, next.resolve("2023"), january));
        index.changedInFolders();
        index.changedInFolders();
        Files.move(articles, dir.resolve("old"));
        assertEquals(Set.of(articles), index.changedInFolders().paths());
        assertEquals(0, index.apply(Set.of(articles)).snapshot().size());
        assertEquals(Set.of(articles), index.changedInFolders().paths(), "a root found gone is looked at every time");
        Files.move(next, articles);
        LiveIndex.Rescan replaced = index.changedInFolders();
        assertEquals(Set.of(articles.resolve("2023")), replaced.paths());
        assertEquals(Set.of("2023/01/2023-01-01-c"), keys(index.apply(replaced.paths()).snapshot()));
    }

    /** Sets the folders' modification times to one long ago, as if they had not changed for a while. */
    private static void age(java.util.List<Path> folders) throws java.io.IOException {
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        for (Path folder : folders) {
            Files.setLastModifiedTime(folder, old);
        }
    }

    private static Set<String> keys(IndexSnapshot snapshot) {
        Set<String> keys = new java.util.TreeSet<>();
        snapshot.all().forEach(x -> keys.add(x.key()));
        return keys;
    }

    /** Every feed of either snapshot, of every kind. */
    private static Set<FeedKey> feedKeys(IndexSnapshot a, IndexSnapshot b) {
        Set<FeedKey> keys = new java.util.HashSet<>();
        keys.add(FeedKey.ALL);
        for (IndexSnapshot s : java.util.List.of(a, b)) {
            for (FeedKind kind : FeedKind.NAMED) {
                s.feeds(kind).keySet().forEach(name -> keys.add(new FeedKey(kind, name)));
            }
        }
        return keys;
    }

    /** Creates, edits, breaks or deletes one random file; returns its path. */
    private static Path change(Path articles, java.util.Random random, int step, String[] tags, String[] categories)
            throws Exception {
        // .md and .html of one stem claim one key: plain articles clash too
        String name = "a" + random.nextInt(25) + (random.nextInt(20) == 0 ? ".html" : ".md");
        Path file = articles.resolve(random.nextBoolean() ? name : "sub/" + name);
        int op = random.nextInt(10);
        if (random.nextInt(40) == 0 && Files.isDirectory(articles.resolve("sub"))) { // a whole folder goes
            try (var walk = Files.walk(articles.resolve("sub"))) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            return articles.resolve("sub");
        }
        if (op < 2) {
            Files.deleteIfExists(file);
        } else if (op < 3) {
            TestSites.write(file, "---\ntitle: [broken\n---\n");
        } else {
            String id = random.nextInt(8) == 0 ? "id: shared" + random.nextInt(2) + "\n" : ""; // key collisions
            String stock = switch (random.nextInt(3)) { // securities too: the stock feeds follow the same rule
                case 0 -> "<p>宁德时代(300750.SZ)</p>";
                case 1 -> "<p>腾讯控股(00700.HK)与宁德时代(300750.SZ)</p>";
                default -> "";
            };
            String body = stock + (random.nextBoolean() ? "<p>x</p><p>来源：" + (random.nextBoolean() ? "甲" : "乙") + "</p>"
                    : "<p>x</p>");
            TestSites.write(file, "---\n" + id + "title: T" + step + "\ndate: 2022-06-0" + (1 + random.nextInt(3))
                    + " 10:00:00 +0800\ncategories: " + categories[random.nextInt(3)] + "\ntags: "
                    + tags[random.nextInt(5)] + " " + tags[random.nextInt(5)] + "\n---\n" + body + "\n");
        }
        return file;
    }
}
