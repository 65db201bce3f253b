package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import io.posthorn.article.ArticleReader;
import io.posthorn.config.Config;
import io.posthorn.index.IndexStore;
import io.posthorn.index.LiveIndex;
import io.posthorn.testing.Await;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index store: a restart serves from it at once, then catches up with what changed while it was down. */
class IndexStoreIT {
    @TempDir
    Path dir;

    private Path config(String extra) {
        return TestSites.writeConfig(dir, "http://127.0.0.1:8080/", "cache:\n  index_file: index.bin\n" + extra);
    }

    @Test
    void aRestartServesTheSameFeedsAndPicksUpChangesMadeWhileDown() throws Exception {
        TestSites.copySamples(dir);
        Path config = config("");
        byte[] before;
        try (RunningServer server = RunningServer.start(config)) {
            before = server.get("/feeds/all.atom").body();
            Await.until("the index store", Duration.ofSeconds(15), () -> Files.isRegularFile(dir.resolve("index.bin")));
        }
        // while the server is down: one article changes, one is deleted
        Path edited = dir.resolve("articles/cailianshe/2022-05-31-northbound-inflow.md");
        Files.writeString(edited, Files.readString(edited).replaceFirst("title: .*", "title: 停机时改的标题"));
        Files.delete(dir.resolve("articles/zhengquanshibao/2022-06-20-lpr-unchanged.md"));

        Config loaded = TestSites.load(config);
        LiveIndex.Load fromStore = new LiveIndex(loaded, new ArticleReader(loaded))
                .load(new IndexStore(dir.resolve("index.bin"), loaded)).orElseThrow();
        assertEquals(13, fromStore.snapshot().size(), "the store holds the state it was written in");

        try (RunningServer server = RunningServer.start(config)) {
            List<String> titles = Await.value("the catch-up rescan", Duration.ofSeconds(15),
                    () -> Feeds.<Feed>rome(server.get("/feeds/all.atom")).getEntries().stream().map(Entry::getTitle).toList(),
                    t -> t.contains("停机时改的标题"));
            assertEquals(12, titles.size());
            assertTrue(titles.stream().noneMatch(t -> t.startsWith("LPR")));
        }
        // a fresh start without the store agrees
        Files.delete(dir.resolve("index.bin"));
        try (RunningServer fresh = RunningServer.start(config)) {
            List<String> titles = Feeds.<Feed>rome(fresh.get("/feeds/all.atom")).getEntries().stream().map(Entry::getTitle).toList();
            assertEquals(12, titles.size());
        }
        assertTrue(before.length > 0);
    }

    @Test
    void aStoreWrittenUnderAnotherConfigurationIsIgnored() throws Exception {
        TestSites.copySamples(dir);
        Config first = TestSites.load(config(""));
        LiveIndex index = new LiveIndex(first, new ArticleReader(first));
        index.load();
        index.save(new IndexStore(dir.resolve("index.bin"), first));
        assertTrue(new LiveIndex(first, new ArticleReader(first)).load(new IndexStore(dir.resolve("index.bin"), first)).isPresent());

        Files.writeString(dir.resolve("feeds.yml"), Files.readString(dir.resolve("feeds.yml"))
                .replace("id: finews.example.com", "id: other.example.com"));
        Config second = TestSites.load(dir.resolve("feeds.yml"));
        assertTrue(new LiveIndex(second, new ArticleReader(second)).load(new IndexStore(dir.resolve("index.bin"), second))
                .isEmpty(), "another site.id means other entry ids: the store is not used");

        index.save(new IndexStore(dir.resolve("index.bin"), first));
        byte[] whole = Files.readAllBytes(dir.resolve("index.bin"));
        Files.write(dir.resolve("index.bin"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertTrue(new LiveIndex(first, new ArticleReader(first)).load(new IndexStore(dir.resolve("index.bin"), first))
                .isEmpty(), "a store cut short (a crash while writing a copy) is not used");

        // a count that the bytes cannot hold (a flipped bit in the name table's, in the trailer
        // after the entry and block counts): refused before any allocation
        java.nio.ByteBuffer damaged = java.nio.ByteBuffer.wrap(whole.clone());
        int trailer = (int) damaged.getLong(whole.length - 8);
        damaged.putInt(trailer + 8, Integer.MAX_VALUE - 7);
        Files.write(dir.resolve("index.bin"), damaged.array());
        assertTrue(new LiveIndex(first, new ArticleReader(first)).load(new IndexStore(dir.resolve("index.bin"), first))
                .isEmpty(), "a store with a count past its size is not used");

        Files.write(dir.resolve("index.bin"), new byte[] {1, 2, 3});
        assertTrue(new LiveIndex(first, new ArticleReader(first)).load(new IndexStore(dir.resolve("index.bin"), first))
                .isEmpty(), "a damaged store is not used");
    }
}
