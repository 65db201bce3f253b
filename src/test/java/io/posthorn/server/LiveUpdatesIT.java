package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import io.posthorn.testing.Await;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real server over a real folder that changes under it, followed through the watch service. */
class LiveUpdatesIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    Path articles;
    RunningServer server;

    @BeforeEach
    void start() {
        TestSites.copySamples(dir);
        articles = dir.resolve("articles");
        server = RunningServer.start(TestSites.writeConfig(dir, "http://127.0.0.1:8080/",
                "watch:\n  debounce_ms: 50\n  rescan_seconds: 0\n"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> titles(String feedPath) {
        HttpResponse<byte[]> r = server.get(feedPath);
        if (r.statusCode() == 404) {
            return List.of();
        }
        return Feeds.<Feed>rome(r).getEntries().stream().map(Entry::getTitle).toList();
    }

    private List<String> awaitTitles(String feedPath, Predicate<List<String>> done) {
        return Await.value(feedPath, WAIT, () -> titles(feedPath), done);
    }

    private Path write(String relative, String title, String date, String categories, String tags) {
        return TestSites.write(articles.resolve(relative), TestSites.article(title, date, categories, tags,
                "<p>" + title + "的正文。</p><p class=\"em_media\">（文章来源：财联社）</p>"));
    }

    @Test
    void addedArticleReachesItsFeedsAndOthersStay() {
        String before = server.get("/feeds/categories/zhengquanshibao.atom").headers().firstValue("ETag").orElseThrow();
        write("cailianshe/2022-08-01-new.md", "新文章", "2022-08-01 10:00:00 +0800", "cailianshe", "财联社新闻 新标签");
        awaitTitles("/feeds/categories/cailianshe.atom", t -> !t.isEmpty() && t.get(0).equals("新文章"));
        assertEquals("新文章", titles("/feeds/all.atom").get(0));
        assertEquals(List.of("新文章"), titles("/feeds/tags/%E6%96%B0%E6%A0%87%E7%AD%BE.atom"));
        assertEquals(before, server.get("/feeds/categories/zhengquanshibao.atom").headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void editsOfTitleTagsCategoryAndDateAreFollowed() {
        Path file = articles.resolve("cailianshe/2022-05-31-northbound-inflow.md");
        write("cailianshe/2022-05-31-northbound-inflow.md", "改过的标题", "2022-05-31 15:10:00 +0800", "cailianshe", "财联社新闻 A股");
        awaitTitles("/feeds/categories/cailianshe.atom", t -> t.contains("改过的标题"));
        // tags: A股 -> 港股
        write("cailianshe/2022-05-31-northbound-inflow.md", "改过的标题", "2022-05-31 15:10:00 +0800", "cailianshe", "财联社新闻 港股");
        awaitTitles("/feeds/tags/%E6%B8%AF%E8%82%A1.atom", t -> t.contains("改过的标题"));
        assertFalse(titles("/feeds/tags/A%E8%82%A1.atom").contains("改过的标题"));
        // category: cailianshe -> zhengquanshibao
        write("cailianshe/2022-05-31-northbound-inflow.md", "改过的标题", "2022-05-31 15:10:00 +0800", "zhengquanshibao", "港股");
        awaitTitles("/feeds/categories/zhengquanshibao.atom", t -> t.contains("改过的标题"));
        assertFalse(titles("/feeds/categories/cailianshe.atom").contains("改过的标题"));
        // date: to the newest of all
        write("cailianshe/2022-05-31-northbound-inflow.md", "改过的标题", "2022-09-01 08:00:00 +0800", "zhengquanshibao", "港股");
        awaitTitles("/feeds/all.atom", t -> t.get(0).equals("改过的标题"));
        assertTrue(Files.exists(file));
    }

    @Test
    void deletedAndUnpublishedArticlesLeaveEveryFeed() throws IOException {
        Files.delete(articles.resolve("zhengquanshibao/2022-06-20-lpr-unchanged.md"));
        awaitTitles("/feeds/tags/%E5%A4%AE%E8%A1%8C.atom", t -> t.size() == 1);
        assertFalse(titles("/feeds/all.atom").stream().anyMatch(t -> t.startsWith("LPR")));
        Path meta = articles.resolve("zhitongcaijingwang/2022-05-26-meta-azure.md");
        Files.writeString(meta, Files.readString(meta).replace("layout: post", "layout: post\npublished: false"));
        awaitTitles("/feeds/categories/zhitongcaijingwang.atom", t -> t.size() == 4);
        String metaTitle = "扩大合作！Meta(FB.US)选择微软(MSFT.US)Azure加速Meta AI研发";
        for (String feed : List.of("/feeds/all.atom", "/feeds/sources/%E6%99%BA%E9%80%9A%E8%B4%A2%E7%BB%8F%E7%BD%91.atom",
                "/feeds/tags/%E6%99%BA%E9%80%9A%E8%B4%A2%E7%BB%8F%E7%BD%91%E6%96%B0%E9%97%BB.atom")) {
            assertFalse(titles(feed).contains(metaTitle), feed);
        }
        assertEquals(404, server.get("/articles/zhitongcaijingwang/2022-05-26-meta-azure").statusCode());
    }

    @Test
    void renameIsAnUpdateAndRenameOverReplacesAtomically() throws IOException {
        Path from = articles.resolve("cailianshe/2022-05-31-northbound-inflow.md");
        Files.move(from, articles.resolve("cailianshe/2022-05-31-renamed.md"));
        List<String> ids = Await.value("renamed id", WAIT,
                () -> Feeds.<Feed>rome(server.get("/feeds/categories/cailianshe.atom")).getEntries().stream()
                        .map(Entry::getId).toList(), l -> l.stream().anyMatch(id -> id.endsWith("2022-05-31-renamed")));
        assertFalse(ids.stream().anyMatch(id -> id.endsWith("northbound-inflow")), "no duplicate: " + ids);
        assertEquals(4, ids.size());

        // deploy tools write a temporary file, then move it over the old one
        Path target = articles.resolve("cailianshe/2022-05-31-renamed.md");
        Path temp = articles.resolve("cailianshe/.2022-05-31-renamed.md.tmp");
        Files.writeString(temp, Files.readString(target).replaceFirst("title: .*", "title: 原子替换后的标题"));
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        awaitTitles("/feeds/categories/cailianshe.atom", t -> t.contains("原子替换后的标题"));
        assertEquals(4, titles("/feeds/categories/cailianshe.atom").size());
    }

    @Test
    void halfWrittenFileIsServedOnceComplete() throws IOException {
        String whole = TestSites.article("写了一半的文章", "2022-08-02 10:00:00 +0800", "cailianshe", "财联社新闻",
                "<p>正文。</p>");
        Path file = articles.resolve("cailianshe/2022-08-02-half.md");
        Files.writeString(file, whole.substring(0, 30));
        Files.writeString(file, whole);
        awaitTitles("/feeds/categories/cailianshe.atom", t -> t.contains("写了一半的文章"));
    }

    @Test
    void newSubfolderIsWatched() throws IOException {
        Files.createDirectories(articles.resolve("newsource/2022/08"));
        write("newsource/2022/08/2022-08-03-a.md", "新文件夹里的文章", "2022-08-03 10:00:00 +0800", "newsource", "新来源");
        awaitTitles("/feeds/categories/newsource.atom", t -> t.equals(List.of("新文件夹里的文章")));
        write("newsource/2022/08/2022-08-04-b.md", "新文件夹里的第二篇", "2022-08-04 10:00:00 +0800", "newsource", "新来源");
        awaitTitles("/feeds/categories/newsource.atom", t -> t.size() == 2);
    }

    @Test
    void aSourceFolderReplacedUnderTheServerIsFollowedByTheRescanEditsInPlaceIncluded() throws IOException {
        server.close();
        // the source's parent is not watched (the configuration is elsewhere): a folder moved into
        // the source's place raises no event at all, and the old folder's watch is dead
        Path site = Files.createDirectories(dir.resolve("site"));
        Path source = site.resolve("articles");
        TestSites.write(source.resolve("2022/08/2022-08-01-a.md"), TestSites.article("换之前的文章", "2022-08-01 10:00:00 +0800",
                "cailianshe", "港股", "<p>正文。</p><p class=\"em_media\">（文章来源：财联社）</p>"));
        String yaml = Files.readString(TestSites.writeConfig(dir.resolve("conf"), "http://127.0.0.1:8080/",
                "watch:\n  debounce_ms: 50\n  rescan_seconds: 1\n")).replace("- path: articles", "- path: ../site/articles");
        server = RunningServer.start(TestSites.write(dir.resolve("conf/feeds.yml"), yaml));
        awaitTitles("/feeds/categories/cailianshe.atom", t -> t.equals(List.of("换之前的文章")));

        Path next = dir.resolve("next");
        TestSites.write(next.resolve("2022/09/2022-09-01-b.md"), TestSites.article("换进来的文章",
                "2022-09-01 10:00:00 +0800", "cailianshe", "港股", "<p>正文。</p><p class=\"em_media\">（文章来源：财联社）</p>"));
        // folders last changed long ago, as in a real tree: their times are trusted at once
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2020-01-01T00:00:00Z"));
        for (Path folder : List.of(next.resolve("2022/09"), next.resolve("2022"), next)) {
            Files.setLastModifiedTime(folder, old);
        }
        Files.move(source, site.resolve("old"));
        Files.move(next, source);
        awaitTitles("/feeds/categories/cailianshe.atom", t -> t.equals(List.of("换进来的文章")));

        // an edit in place changes no folder's time, and no watch reports it now: the rescan compares every file
        TestSites.write(source.resolve("2022/09/2022-09-01-b.md"), TestSites.article("换进来后改过的文章",
                "2022-09-01 10:00:00 +0800", "cailianshe", "港股", "<p>改过的正文，长了一些。</p><p class=\"em_media\">（文章来源：财联社）</p>"));
        awaitTitles("/feeds/categories/cailianshe.atom", t -> t.equals(List.of("换进来后改过的文章")));
    }

    @Test
    void aBurstOfAThousandFilesArrives() {
        for (int i = 0; i < 1000; i++) {
            write("burst/2022-09-%02d-b%04d.md".formatted(i % 28 + 1, i), "批量" + i,
                    "2022-09-%02d 10:00:00 +0800".formatted(i % 28 + 1), "burst", "批量");
        }
        Await.until("1013 articles", WAIT.multipliedBy(4),
                () -> Feeds.text(server.get("/healthz")).equals("ok 1013 articles\n"));
        assertEquals(50, titles("/feeds/categories/burst.atom").size());
    }

    @Test
    void invalidConfigEditKeepsTheLastGoodOneAndValidEditApplies() throws IOException {
        Path config = dir.resolve("feeds.yml");
        String good = Files.readString(config);
        Files.writeString(config, good.replace("title: 财经新闻", "title: [broken"));
        Files.writeString(config, good.replace("title: 财经新闻", "title: 新的站名"));
        Await.until("new site title", WAIT, () -> Feeds.text(server.get("/feeds/all.atom")).contains("<title>新的站名</title>"));
        Files.writeString(config, good.replace("title: 财经新闻", "title: 新的站名").replace("summary_chars: 200", "summary_chars: lots"));
        // the broken edit is reported (with file, line and key) and ignored: the last good configuration keeps serving
        String health = Await.value("reload failure reported", WAIT, () -> Feeds.text(server.get("/healthz")),
                h -> h.contains("config not reloaded"));
        assertTrue(health.contains("feeds.yml:9: feeds.summary_chars: must be a whole number, got 'lots'"), health);
        assertEquals(200, server.get("/feeds/all.atom").statusCode());
        assertTrue(Feeds.text(server.get("/feeds/all.atom")).contains("<title>新的站名</title>"));
        assertTrue(new String(server.get("/healthz").body(), StandardCharsets.UTF_8).startsWith("ok 13 articles\n"));
    }
}
