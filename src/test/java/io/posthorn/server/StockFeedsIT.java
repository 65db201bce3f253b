package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import io.posthorn.testing.AtomSchema;
import io.posthorn.testing.Await;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One feed per security, over the sample articles: every format, the titles with names, OPML, pages, live updates. */
class StockFeedsIT {
    @TempDir
    Path dir;

    @Test
    void everySecurityHasItsFeedsNamedAsTheArticlesWriteIt() {
        TestSites.copySamples(dir);
        try (RunningServer s = RunningServer.start(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", ""))) {
            byte[] body = s.get("/feeds/stocks/MSFT.US.atom").body();
            assertEquals(List.of(), AtomSchema.errors(body));
            Feed msft = Feeds.rome(body);
            assertEquals("财经新闻 · 微软 (MSFT.US)", msft.getTitle());
            assertEquals(List.of("扩大合作！Meta(FB.US)选择微软(MSFT.US)Azure加速Meta AI研发"),
                    msft.getEntries().stream().map(Entry::getTitle).toList());
            assertEquals("财经新闻 · Meta (FB.US)", Feeds.<Feed>rome(s.get("/feeds/stocks/FB.US.atom")).getTitle());
            assertEquals("财经新闻 · 宁德时代 (300750.SZ)",
                    Feeds.<Feed>rome(s.get("/feeds/stocks/300750.SZ.atom")).getTitle());
            assertEquals("财经新闻 · 阿里巴巴-SW (09988.HK)",
                    Feeds.<Feed>rome(s.get("/feeds/stocks/09988.HK.atom")).getTitle());
            Channel rss = Feeds.rome(s.get("/feeds/stocks/MSFT.US.rss"));
            assertEquals(1, rss.getItems().size());
            assertEquals(List.of(), Feeds.jsonFeedErrors(s.get("/feeds/stocks/MSFT.US.json").body()));
            assertEquals(200, s.get("/feeds/stocks/MSFT.US.html").statusCode());
            assertTrue(Feeds.text(s.get("/embed/stocks/MSFT.US.json")).contains("Azure"));
            assertEquals(404, s.get("/feeds/stocks/AAPL.US.atom").statusCode());

            String opml = Feeds.text(s.get("/opml.xml"));
            assertTrue(opml.contains("个股 Stocks") && opml.contains("/feeds/stocks/MSFT.US.atom"), opml);
            String index = Feeds.text(s.get("/"));
            assertTrue(index.contains("个股 Stocks"), "the index page's section");
            assertTrue(index.contains("微软 (MSFT.US)"), "names on the index page");
            String page = Feeds.text(s.get("/articles/zhitongcaijingwang/2022-05-26-meta-azure"));
            assertTrue(page.contains("/feeds/stocks/MSFT.US.html") && page.contains("个股 Stock"), "the article page links its stocks");

            TestSites.write(dir.resolve("articles/new/2022-08-01-msft.md"), TestSites.article("微软(MSFT.US)发布财报",
                    "2022-08-01 08:00:00 +0800", "zhitongcaijingwang", "美股", "<p>微软(MSFT.US)季度营收增长。</p>"));
            Await.until("the new article in the stock feed", Duration.ofSeconds(15),
                    () -> Feeds.<Feed>rome(s.get("/feeds/stocks/MSFT.US.atom")).getEntries().size() == 2);
        }
    }

    @Test
    void frontMatterStocksWinOverTheBody() {
        TestSites.write(dir.resolve("articles/a.md"), "---\ntitle: 行业综述\ndate: 2022-05-26 10:00:00 +0800\n"
                + "stocks: [700.HK, msft.us, 不是代码]\n---\n<p>宁德时代(300750.SZ)与腾讯控股(00700.HK)。</p>\n");
        try (RunningServer s = RunningServer.start(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", ""))) {
            assertEquals(200, s.get("/feeds/stocks/00700.HK.atom").statusCode());
            assertEquals("财经新闻 · 腾讯控股 (00700.HK)", Feeds.<Feed>rome(s.get("/feeds/stocks/00700.HK.atom")).getTitle(),
                    "the name still comes from the body");
            assertEquals("财经新闻 · MSFT.US", Feeds.<Feed>rome(s.get("/feeds/stocks/MSFT.US.atom")).getTitle());
            assertEquals(404, s.get("/feeds/stocks/300750.SZ.atom").statusCode(), "the list wins over the body");
            assertTrue(s.load().warnings().stream().anyMatch(w -> w.reason().contains("不是代码")));
        }
    }
}
