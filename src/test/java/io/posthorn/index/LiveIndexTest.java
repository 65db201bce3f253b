package io.posthorn.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.article.ArticleReader;
import io.posthorn.config.Config;
import io.posthorn.testing.TestSites;
import java.nio.file.Files;
import java.nio.file.Path;
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
    }
}
