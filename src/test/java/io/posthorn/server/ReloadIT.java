package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.article.Article;
import io.posthorn.testing.Await;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feeds.yml reload keeps its promises: the old site's watchers stop and its pending index-store
 * write is made before the new site starts, on a thread of its own; two reloads in a row with an
 * article changed between them keep every change, and a restart afterwards serves it from the store.
 */
class ReloadIT {
    @TempDir
    Path dir;

    @Test
    void twoReloadsWithAnArticleChangeBetweenThemAndARestartFromTheStore() throws Exception {
        TestSites.copySamples(dir);
        Path config = TestSites.writeConfig(dir, "http://127.0.0.1:8080/", "cache:\n  index_file: index.bin\n");
        Path article = dir.resolve("articles/cailianshe/2022-05-31-northbound-inflow.md");
        String good = Files.readString(config);
        try (RunningServer server = RunningServer.start(config)) {
            Files.writeString(config, good.replace("title: 财经新闻", "title: 第一次改名"));
            Await.until("the first reload", Duration.ofSeconds(15),
                    () -> Feeds.text(server.get("/feeds/all.atom")).contains("<title>第一次改名</title>"));

            Files.writeString(article, Files.readString(article).replaceFirst("title: .*", "title: 两次重载之间改的标题"));
            Await.until("the article change", Duration.ofSeconds(15),
                    () -> Feeds.text(server.get("/feeds/all.atom")).contains("两次重载之间改的标题"));

            Files.writeString(config, good.replace("title: 财经新闻", "title: 第二次改名"));
            Await.until("the second reload", Duration.ofSeconds(15),
                    () -> Feeds.text(server.get("/feeds/all.atom")).contains("<title>第二次改名</title>"));
            String feed = Feeds.text(server.get("/feeds/all.atom"));
            assertTrue(feed.contains("两次重载之间改的标题"), "the change survives the second reload");
            assertEquals("ok 13 articles\n", Feeds.text(server.get("/healthz")));

            // the watchers of the new site work: one more change after both reloads
            Files.writeString(article, Files.readString(article).replaceFirst("title: .*", "title: 重载之后改的标题"));
            Await.until("a change after the reloads", Duration.ofSeconds(15),
                    () -> Feeds.text(server.get("/feeds/all.atom")).contains("重载之后改的标题"));
        }
        try (RunningServer restarted = RunningServer.start(config)) {
            boolean fromStore = restarted.load().snapshot().all().stream().map(Article::title)
                    .anyMatch(t -> t.equals("重载之后改的标题"));
            assertTrue(fromStore, "the restart's index, read from the store, already holds the last change");
            assertTrue(Feeds.text(restarted.get("/feeds/all.atom")).contains("<title>第二次改名</title>"));
        }
    }
}
