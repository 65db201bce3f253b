package io.posthorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import io.posthorn.testing.AtomSchema;
import io.posthorn.testing.FeedParserCheck;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ?variant=} (and RSSHub's {@code opencc}) on feeds, embeds and article pages over the
 * samples and one more article: everything a reader sees in Traditional characters, nothing a
 * machine reads changed, and Simplified filter words matching Traditional text and back.
 */
class VariantsIT {
    static final String BUYBACK = "宁德时代(300750.SZ)拟回购股份 用于员工持股计划";

    @TempDir
    static Path dir;
    static RunningServer server;

    @BeforeAll
    static void start() {
        TestSites.copySamples(dir);
        TestSites.write(dir.resolve("articles/zhengquanshibao/2022-08-01-catl-buyback.md"), """
                ---
                title: "%s"
                date: 2022-08-01 09:30:00 +0800
                categories: zhengquanshibao
                tags: [证券时报新闻, 新能源]
                ---
                <p>宁德时代(300750.SZ)公告，公司拟以自有资金回购股份，回购的股份将用于员工持股计划。公司同时发布了新的电池管理软件，相关信息详见<a href="https://example.com/公告/2022.html">公告原文</a>。</p>
                <p class="em_media">（文章来源：证券时报）</p>
                """.formatted(BUYBACK));
        server = RunningServer.start(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", ""));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> ok(String path) {
        HttpResponse<byte[]> r = server.get(path);
        assertEquals(200, r.statusCode(), () -> path + ": " + Feeds.text(r));
        return r;
    }

    @Test
    void theStockFeedInHongKongCharactersFilteredByASimplifiedWord() throws Exception {
        String path = "/feeds/stocks/300750.SZ.atom?variant=zh-HK&q=" + Feeds.query("回购");
        HttpResponse<byte[]> r = ok(path);
        assertEquals(List.of(), AtomSchema.errors(r.body()));
        Feed feed = Feeds.rome(r);
        assertEquals(List.of("寧德時代(300750.SZ)擬回購股份 用於員工持股計劃"),
                feed.getEntries().stream().map(Entry::getTitle).toList(), "exactly the entry asked for, in Traditional");
        assertEquals("財經新聞 · 寧德時代 (300750.SZ)", feed.getTitleEx().getValue());
        assertTrue(Feeds.text(r).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-HK\">"),
                "xml:lang says which variant");
        Entry e = feed.getEntries().get(0);
        assertTrue(e.getSummary().getValue().contains("回購的股份"), e.getSummary().getValue());
        assertTrue(e.getContents().get(0).getValue().contains("電池管理軟件"), "Hong Kong writes 軟件");
        assertTrue(e.getSummary().getValue().endsWith("文章來源：證券時報"), e.getSummary().getValue());
        assertTrue(e.getCategories().stream().anyMatch(c -> c.getTerm().equals("新能源")));
        assertEquals("http://127.0.0.1:8080/feeds/stocks/300750.SZ.atom?q=%E5%9B%9E%E8%B4%AD&variant=zh-HK", self(feed));
        HttpResponse<byte[]> again = server.get("/feeds/stocks/300750.SZ.atom?opencc=s2hk&q=" + Feeds.query("回購"));
        assertEquals(r.headers().firstValue("ETag"), again.headers().firstValue("ETag"),
                "RSSHub's opencc and a Traditional filter word are the same document, from the cache");
        if (FeedParserCheck.available()) {
            assertEquals("bozo=0 entries=1", FeedParserCheck.verdict(r.body()));
        }
    }

    @Test
    void taiwanGetsItsVocabularyInEveryFormat() {
        Feed atom = Feeds.rome(ok("/feeds/all.atom?variant=zh-TW&q=" + Feeds.query("员工持股")));
        assertTrue(atom.getEntries().get(0).getContents().get(0).getValue().contains("電池管理軟體"));
        assertTrue(atom.getEntries().get(0).getContents().get(0).getValue().contains("相關資訊"));
        Channel rss = Feeds.rome(ok("/feeds/all.rss?variant=zh-TW&q=" + Feeds.query("员工持股")));
        assertEquals("zh-tw", rss.getLanguage());
        assertEquals("寧德時代(300750.SZ)擬回購股份 用於員工持股計劃", rss.getItems().get(0).getTitle());
        HttpResponse<byte[]> json = ok("/feeds/all.json?variant=zh-TW&q=" + Feeds.query("员工持股"));
        assertEquals(List.of(), Feeds.jsonFeedErrors(json.body()));
        JsonNode doc = Feeds.json(json.body());
        assertEquals("zh-TW", doc.get("language").asText());
        assertEquals("財經新聞", doc.get("title").asText());
        assertEquals("寧德時代(300750.SZ)擬回購股份 用於員工持股計劃", doc.get("items").get(0).get("title").asText());
        String html = Feeds.text(ok("/feeds/all.html?variant=zh-TW&q=" + Feeds.query("员工持股")));
        assertTrue(html.contains("<html lang=\"zh-TW\">") && html.contains("擬回購股份"), html);
    }

    @Test
    void simplifiedIsTheDefaultAndSaysSo() {
        assertTrue(Feeds.text(ok("/feeds/all.atom")).contains("xml:lang=\"zh-CN\""));
        assertEquals(server.get("/feeds/all.atom").headers().firstValue("ETag"),
                server.get("/feeds/all.atom?variant=zh-Hans").headers().firstValue("ETag"), "zh-Hans is the original");
        assertNotEquals(server.get("/feeds/all.atom").headers().firstValue("ETag"),
                server.get("/feeds/all.atom?variant=zh-Hant").headers().firstValue("ETag"));
    }

    /**
     * Every feed of the site, every format, every variant: once the language tag and the variant
     * parameter of its links are set aside, only non-ASCII characters differ, so no markup, id,
     * date or (percent-encoded) URL was touched by the conversion.
     */
    @ParameterizedTest
    @ValueSource(strings = {"zh-Hant", "zh-TW", "zh-HK"})
    void nothingAMachineReadsChanges(String variant) {
        String opml = Feeds.text(ok("/opml.xml"));
        Matcher m = Pattern.compile("xmlUrl=\"http://127\\.0\\.0\\.1:8080(/feeds/[^\"]+)\\.atom\"").matcher(opml);
        int documents = 0;
        while (m.find()) {
            for (String ext : new String[] {"atom", "rss", "json", "html"}) {
                String path = m.group(1) + "." + ext;
                String original = Feeds.text(ok(path)).replace("zh-CN", "LANG").replace("zh-cn", "LANG");
                String converted = Feeds.text(ok(path + "?variant=" + variant))
                        .replaceAll("(\\?|&amp;|&)variant=" + variant, "")
                        .replace(variant, "LANG").replace(variant.toLowerCase(Locale.ROOT), "LANG");
                assertNotEquals(original, converted, path + " has Chinese text to convert");
                assertEquals(ascii(original), ascii(converted), path + ": only Han characters differ");
                documents++;
            }
        }
        assertTrue(documents > 100, "documents compared: " + documents);
    }

    static String ascii(String text) {
        return text.replaceAll("[^\\x00-\\x7F]", "");
    }

    @Test
    void aLinkWithChineseInItIsTheSameLinkInEveryVariant() {
        Feed simplified = Feeds.rome(ok("/feeds/all.atom?q=" + Feeds.query("员工持股")));
        Feed traditional = Feeds.rome(ok("/feeds/all.atom?variant=zh-Hant&q=" + Feeds.query("员工持股")));
        String a = simplified.getEntries().get(0).getContents().get(0).getValue();
        String b = traditional.getEntries().get(0).getContents().get(0).getValue();
        assertTrue(a.contains("https://example.com/%E5%85%AC%E5%91%8A/2022.html"), a);
        assertTrue(b.contains("https://example.com/%E5%85%AC%E5%91%8A/2022.html"), b);
    }

    @Test
    void embedsConvertAndFilterToo() throws Exception {
        JsonNode json = Feeds.json(ok("/embed/all.json?variant=zh-TW&q=" + Feeds.query("回購")).body());
        assertEquals("zh-TW", json.get("language").asText());
        List<String> titles = new ArrayList<>();
        json.get("headlines").forEach(h -> titles.add(h.get("title").asText()));
        assertEquals(2, titles.size(), titles.toString());
        assertTrue(titles.contains("寧德時代(300750.SZ)擬回購股份 用於員工持股計劃"), titles.toString());
        assertTrue(json.get("feed_url").asText().endsWith("/feeds/all.atom?q=%E5%9B%9E%E8%B4%AD&variant=zh-TW"),
                "the embed points at the same selection: " + json.get("feed_url"));
        HttpResponse<byte[]> page = ok("/embed/all.html?variant=zh-HK&q=" + Feeds.query("回购"));
        String html = Feeds.text(page);
        assertTrue(html.contains("<html lang=\"zh-HK\">") && html.contains("擬回購股份"), html);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
        assertTrue(style.find());
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
        assertTrue(csp.contains("'sha256-" + hash + "'"), "the converted page's style still matches its CSP: " + csp);
        assertEquals(400, server.get("/embed/all.json?variant=zh-XX").statusCode());
        assertEquals(400, server.get("/embed/all.json?q=%7C").statusCode());
    }

    @Test
    void theArticlePageAndItsFeedLinks() {
        String html = Feeds.text(ok("/articles/zhengquanshibao/2022-08-01-catl-buyback?variant=zh-TW"));
        assertTrue(html.contains("<html lang=\"zh-TW\">"), html);
        assertTrue(html.contains("<h1>寧德時代(300750.SZ)擬回購股份 用於員工持股計劃</h1>"), html);
        assertTrue(html.contains("電池管理軟體"), html);
        assertTrue(html.contains("/feeds/stocks/300750.SZ.atom?variant=zh-TW"), "its feed links keep the variant");
        String plain = Feeds.text(ok("/articles/zhengquanshibao/2022-08-01-catl-buyback"));
        assertTrue(plain.contains("<h1>" + BUYBACK + "</h1>"));
        HttpResponse<byte[]> bad = server.get("/articles/zhengquanshibao/2022-08-01-catl-buyback?opencc=t2s");
        assertEquals(400, bad.statusCode());
        assertEquals("Bad parameter opencc: must be s2t, s2tw, s2twp or s2hk", Feeds.text(bad).strip());
    }

    @Test
    void traditionalFilterWordsMatchSimplifiedArticles() {
        Feed feed = Feeds.rome(ok("/feeds/all.atom?q=" + Feeds.query("寧德時代 回購")));
        assertEquals(List.of(BUYBACK), feed.getEntries().stream().map(Entry::getTitle).toList());
        Feed none = Feeds.rome(ok("/feeds/all.atom?q=" + Feeds.query("寧德時代") + "&not=" + Feeds.query("回購|鈉離子")));
        assertEquals(List.of(), none.getEntries().stream().map(Entry::getTitle).toList());
    }

    static String self(Feed feed) {
        return feed.getOtherLinks().stream().filter(l -> "self".equals(l.getRel())).map(Link::getHref).findFirst()
                .orElseThrow();
    }
}
