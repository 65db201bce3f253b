package io.posthorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import io.posthorn.testing.AtomSchema;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ?q= and ?not= (and RSSHub's names) on feeds: exactly the entries asked for, cached, paged, self-linked. */
class FeedFiltersIT {
    @TempDir
    static Path dir;
    static RunningServer server;

    @BeforeAll
    static void start() {
        TestSites.copySamples(dir);
        server = RunningServer.start(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", ""));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> titles(String path) {
        HttpResponse<byte[]> r = server.get(path);
        assertEquals(200, r.statusCode(), () -> path + ": " + Feeds.text(r));
        assertEquals(List.of(), AtomSchema.errors(r.body()), path);
        return Feeds.<Feed>rome(r).getEntries().stream().map(Entry::getTitle).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "¦", textBlock = """
            one word in titles            ¦ q=回购                    ¦ 腾讯控股(00700)6月8日斥资3.5亿港元回购100万股
            alternatives                  ¦ q=回购|加息               ¦ 腾讯控股(00700)6月8日斥资3.5亿港元回购100万股;美联储宣布加息75个基点 为1994年以来最大单次加息幅度
            every word                    ¦ q=港股 回购               ¦ 腾讯控股(00700)6月8日斥资3.5亿港元回购100万股
            a tag or a title              ¦ q=新能源                  ¦ 宁德时代(300750.SZ)钠离子电池产业链加速布局 多家供应商送样验证;比亚迪股份(01211)6月新能源汽车销量约13.4万辆 同比增长逾两倍;隆基绿能(601012.SH)上调单晶硅片报价 M6规格涨幅约3%
            a stock name                  ¦ q=微软                    ¦ 扩大合作！Meta(FB.US)选择微软(MSFT.US)Azure加速Meta AI研发
            a stock code, any case        ¦ q=msft.us                 ¦ 扩大合作！Meta(FB.US)选择微软(MSFT.US)Azure加速Meta AI研发
            latin letters, any case       ¦ q=lpr                     ¦ LPR报价出炉: 1年期LPR为3.7% 5年期以上LPR为4.45%
            nothing matches               ¦ q=不存在的词               ¦ 
            not drops                     ¦ q=半导体&not=寒武纪        ¦ 中芯国际(688981.SH)持续推进产能建设 多地新厂项目按计划进行;北方华创(002371.SZ)设备订单饱满 在手订单同比大幅增长
            RSSHub filter                 ¦ filter=回购|加息          ¦ 腾讯控股(00700)6月8日斥资3.5亿港元回购100万股;美联储宣布加息75个基点 为1994年以来最大单次加息幅度
            RSSHub filter_title           ¦ filter_title=港股         ¦ 
            RSSHub filterout              ¦ q=半导体&filterout=寒武纪|中芯 ¦ 北方华创(002371.SZ)设备订单饱满 在手订单同比大幅增长
            """)
    void keepsExactlyTheEntriesAskedFor(String name, String query, String expected) {
        String[] parts = query.split("&");
        StringBuilder encoded = new StringBuilder();
        for (String p : parts) {
            int eq = p.indexOf('=');
            encoded.append(encoded.length() == 0 ? "?" : "&").append(p, 0, eq + 1).append(Feeds.query(p.substring(eq + 1)));
        }
        List<String> want = expected == null ? List.of() : List.of(expected.split(";"));
        assertEquals(want.stream().sorted().toList(), titles("/feeds/all.atom" + encoded).stream().sorted().toList());
    }

    @Test
    void aFilteredFeedHasItsOwnSelfLinkEtagAndPages() {
        HttpResponse<byte[]> all = server.get("/feeds/all.atom");
        HttpResponse<byte[]> filtered = server.get("/feeds/all.atom?q=" + Feeds.query("半导体"));
        assertNotEquals(all.headers().firstValue("ETag"), filtered.headers().firstValue("ETag"));
        Feed feed = Feeds.rome(filtered);
        String self = feed.getOtherLinks().stream().filter(l -> "self".equals(l.getRel())).map(Link::getHref)
                .findFirst().orElseThrow();
        assertEquals("http://127.0.0.1:8080/feeds/all.atom?q=%E5%8D%8A%E5%AF%BC%E4%BD%93", self);
        assertEquals(filtered.headers().firstValue("ETag"), server.get("/feeds/all.atom?q=" + Feeds.query("半导体"))
                .headers().firstValue("ETag"), "the same document again, from the cache");
        Feed page2 = Feeds.rome(server.get("/feeds/all.atom?q=" + Feeds.query("半导体") + "&limit=1&page=2"));
        assertEquals(1, page2.getEntries().size());
        assertTrue(page2.getOtherLinks().stream().anyMatch(l -> "first".equals(l.getRel())
                && l.getHref().contains("q=%E5%8D%8A%E5%AF%BC%E4%BD%93")), "paging links keep the filter");
        assertEquals(3, Feeds.<com.rometools.rome.feed.rss.Channel>rome(server.get("/feeds/all.rss?q=" + Feeds.query("半导体")))
                .getItems().size(), "every format filters");
        assertEquals(titles("/feeds/all.atom"), titles("/feeds/all.atom?q="), "an empty q is no filter");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "¦", textBlock = """
            only bars        ¦ q=%7C%7C        ¦ Bad parameter q: '||' has no word between its |
            too long         ¦ q=LONG          ¦ Bad parameter q: at most 200 characters
            """)
    void badFiltersAreA400WithAReason(String name, String query, String reason) {
        String path = "/feeds/all.atom?" + query.replace("LONG", "x".repeat(201));
        HttpResponse<byte[]> r = server.get(path);
        assertEquals(400, r.statusCode());
        assertEquals(reason, Feeds.text(r).strip());
    }
}
