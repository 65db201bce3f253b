package io.posthorn.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedParserTest {
    private static final URI URL = URI.create("http://example.com/feed");
    private static final FeedParser PARSER = new FeedParser(ZoneId.of("Asia/Shanghai"));
    private static final String ENTITIES_REFUSED = "the document declares entities of its own (refused: entity expansion)";
    private static final Map<String, ParsedFeed> PARSED = new ConcurrentHashMap<>();

    private static String fixture(String name) {
        try (InputStream in = FeedParserTest.class.getResourceAsStream("/feeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture as parsed, once; served with the media type its kind is served with. */
    private static ParsedFeed parsed(String name) {
        return PARSED.computeIfAbsent(name, n -> {
            try {
                return PARSER.parse(fixture(n), URL, n.endsWith(".json") ? "application/feed+json" : "application/xml");
            } catch (FeedParser.NotAFeed e) {
                throw new AssertionError(n + ": " + e.getMessage(), e);
            }
        });
    }

    private static ParsedFeed.Entry entry(String fixture, int index) {
        return parsed(fixture).entries().get(index);
    }

    private static List<String> list(String semicolonSeparated) {
        return semicolonSeparated == null ? List.of() : Arrays.asList(semicolonSeparated.split(";"));
    }

    private static OffsetDateTime time(String text) {
        return text == null ? null : OffsetDateTime.parse(text);
    }

    /** An RSS 2.0 document with {@code prolog} after the XML declaration and {@code items} in its channel. */
    private static String rss(String prolog, String title, String items) {
        return "<?xml version=\"1.0\"?>\n" + prolog + "\n<rss version=\"2.0\"><channel><title>" + title
                + "</title><link>http://example.com/</link><description>d</description>" + items + "</channel></rss>";
    }

    /** Atom 1.0's link: see atomHonoursXmlBase. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            RSS 0.91 with DOCTYPE | rss091-doctype.xml | 2 | 早间财经快讯  | 0  | http://finance.example.com/morning/
            RSS 0.92              | rss092.xml         | 2 | 港股收评      | 0  | https://hk.example.com/close/
            RSS 1.0               | rss10-rdf.xml      | 2 | 债市观察      | 0  | http://bond.example.com/
            RSS 2.0, ttl          | rss20.xml          | 4 | 环球财经&市场 | 30 | http://finance.example.com/global/
            Atom 0.3              | atom03.xml         | 2 | 期货日报精选  | 0  | http://futures.example.com/
            JSON Feed 1.0         | jsonfeed10.json    | 2 | 科创板日报    | 0  | https://star.example.com/
            JSON Feed 1.1         | jsonfeed11.json    | 2 | 基金观察      | 0  | https://fund.example.com/
            """)
    void readsTheFeed(String name, String fixture, int entries, String title, int ttl, String link) {
        ParsedFeed feed = parsed(fixture);
        assertEquals(entries, feed.entries().size());
        assertEquals(title, feed.title());
        assertEquals(ttl, feed.ttlMinutes());
        assertEquals(link, feed.link());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            RSS 0.91: no guid               | rss091-doctype.xml | 0 |                                                  | http://finance.example.com/morning/2022/0526-pboc.html
            RSS 0.91: relative to channel   | rss091-doctype.xml | 1 |                                                  | http://finance.example.com/morning/2022/0526-open.html
            RSS 0.92: root-relative         | rss092.xml         | 0 |                                                  | https://hk.example.com/close/20220526.html
            RSS 0.92: description only      | rss092.xml         | 1 |                                                  |
            RSS 1.0: about (= link) is id   | rss10-rdf.xml      | 0 | http://bond.example.com/a/1001                   | http://bond.example.com/a/1001
            RSS 1.0: about is the id        | rss10-rdf.xml      | 1 | urn:bond:1002                                    | http://bond.example.com/a/1002
            RSS 2.0: guid not a permalink   | rss20.xml          | 0 | cj-20220526-0001                                 | http://finance.example.com/global/us/0526-premarket.html
            RSS 2.0: permalink guid         | rss20.xml          | 1 | http://finance.example.com/global/a/0526-2.html  | http://finance.example.com/global/a/0526-2.html
            RSS 2.0: no guid, relative link | rss20.xml          | 2 |                                                  | http://finance.example.com/global/a/0526-3.html
            RSS 2.0: no title, no text      | rss20.xml          | 3 | cj-20220526-0004                                 | http://finance.example.com/global/a/0526-4.html
            Atom 0.3: tag id                | atom03.xml         | 0 | tag:futures.example.com,2022:3001                | http://futures.example.com/n/3001.html
            Atom 0.3: second entry          | atom03.xml         | 1 | tag:futures.example.com,2022:3002                | http://futures.example.com/n/3002.html
            JSON 1.0: URL id                | jsonfeed10.json    | 0 | https://star.example.com/p/7001                  | https://star.example.com/p/7001
            JSON 1.0: relative to fetch URL | jsonfeed10.json    | 1 | 7002                                             | http://example.com/p/7002
            JSON 1.1: numeric id            | jsonfeed11.json    | 0 | 8001                                             | https://fund.example.com/n/8001.html
            JSON 1.1: external_url          | jsonfeed11.json    | 1 | fund-8002                                        | https://other.example.org/fund/etf-8002
            """)
    void readsIdsAndLinks(String name, String fixture, int index, String id, String link) {
        ParsedFeed.Entry e = entry(fixture, index);
        assertEquals(id, e.id());
        assertEquals(link, e.link());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            RSS 0.91                  | rss091-doctype.xml | 0 | 央行开展2000亿元7天期逆回购操作     |                          |
            RSS 0.92: enclosure item  | rss092.xml         | 0 | 恒指收涨1.2%，科技股领涨            |                          | 港股
            RSS 0.92: no title        | rss092.xml         | 1 |                                     |                          |
            RSS 1.0: dc:subject       | rss10-rdf.xml      | 0 | 10年期国债收益率下行2个基点         | 李四                     | 国债
            RSS 2.0: entities, author | rss20.xml          | 0 | 美股&港股 <盘前>：三大股指期货齐涨  | editor@example.com (王五) | 美股;港股
            RSS 2.0: dc:creator       | rss20.xml          | 1 | A股午评：沪指半日涨0.5%             | 赵六                     |
            RSS 2.0: no title         | rss20.xml          | 3 |                                     |                          |
            Atom 0.3: author          | atom03.xml         | 0 | 原油期货夜盘涨超3%                  | 孙七                     |
            Atom 1.0: two authors     | atom10.xml         | 0 | 人民币兑美元中间价上调218个基点     | 周八;吴九                | 外汇;人民币
            Atom 1.0: the feed's author | atom10.xml       | 1 | 银保监会：引导险资加大对实体经济支持 | 财经头条编辑部           |
            JSON 1.0: author object   | jsonfeed10.json    | 0 | 科创50指数收涨2.1%                  | 郑十                     |
            JSON 1.1: authors, tags   | jsonfeed11.json    | 0 | 公募基金规模突破26万亿元            | 钱一;孙二                | 公募基金;规模
            JSON 1.1: the feed's authors | jsonfeed11.json | 1 | ETF份额连续三周增长                 | 基金观察编辑部           |
            """)
    void readsTitlesAuthorsAndCategories(String name, String fixture, int index, String title, String authors,
            String categories) {
        ParsedFeed.Entry e = entry(fixture, index);
        assertEquals(title, e.title());
        assertEquals(list(authors), e.authors());
        assertEquals(list(categories), e.categories());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            RSS 0.91: none                    | rss091-doctype.xml | 0 |                           |
            RSS 1.0: dc:date RFC 3339         | rss10-rdf.xml      | 0 | 2022-05-26T16:30:00+08:00 |
            RSS 1.0: dc:date without offset   | rss10-rdf.xml      | 1 | 2022-05-27T09:15:00+08:00 |
            RSS 2.0: Chinese form, no offset  | rss20.xml          | 0 | 2022-05-26T12:19:14+08:00 |
            RSS 2.0: Chinese form, +0800      | rss20.xml          | 1 | 2022-05-26T11:30:00+08:00 |
            RSS 2.0: RFC 822 GMT              | rss20.xml          | 2 | 2022-05-26T15:00:00+08:00 |
            RSS 2.0: none                     | rss20.xml          | 3 |                           |
            Atom 1.0: published and updated   | atom10.xml         | 0 | 2022-05-26T09:15:00+08:00 | 2022-05-26T09:30:00+08:00
            Atom 1.0: Chinese-form updated    | atom10.xml         | 1 |                           | 2022-05-26T17:45:00+08:00
            JSON 1.0: RFC 3339                | jsonfeed10.json    | 0 | 2022-05-26T15:05:00+08:00 |
            JSON 1.0: Chinese form, site zone | jsonfeed10.json    | 1 | 2022-05-26T18:20:00+08:00 |
            JSON 1.1: published and modified  | jsonfeed11.json    | 0 | 2022-05-26T20:00:00+08:00 | 2022-05-27T08:30:00+08:00
            """)
    void readsDates(String name, String fixture, int index, String published, String updated) {
        ParsedFeed.Entry e = entry(fixture, index);
        assertEquals(time(published), e.published());
        assertEquals(time(updated), e.updated());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            RSS 0.91: description is HTML    | rss091-doctype.xml | 0 | 央行今日以利率招标方式开展2000亿元逆回购操作，中标利率持平。 |
            RSS 0.92: escaped HTML           | rss092.xml         | 0 | <p>恒生指数收报20,116点，<b>恒生科技指数</b>涨2.6%。</p>           |
            RSS 0.92: description only       | rss092.xml         | 1 | 南向资金今日净买入35.6亿港元。                                      |
            RSS 1.0: description is HTML     | rss10-rdf.xml      | 1 | 本周信用债发行规模环比增长。                                        |
            RSS 2.0: content and CDATA       | rss20.xml          | 0 | <p>纳指期货涨<b>1.5%</b>，标普500指数期货涨1.1%。</p><p>中概股盘前普涨。</p> | <p>纳指期货涨<b>1.5%</b>。</p>
            RSS 2.0: description only        | rss20.xml          | 1 | 半导体板块午后拉升。                                                |
            RSS 2.0: no text                 | rss20.xml          | 3 |                                                                     |
            Atom 0.3: content, text summary  | atom03.xml         | 0 | <p>原油期货主力合约夜盘收涨<b>3.2%</b>。</p>                        | <p>国际油价走高带动国内原油期货上涨。</p>
            Atom 0.3: summary only           | atom03.xml         | 1 | <p>铁矿石主力合约收跌0.4%。</p>                                     |
            Atom 1.0: content, text summary  | atom10.xml         | 0 | <p>中国外汇交易中心数据显示，人民币兑美元中间价报<b>6.6766</b>。</p> | <p>中间价报6.6766，上调218个基点。</p>
            Atom 1.0: html summary only      | atom10.xml         | 1 | <p>险资<i>长期投资</i>优势将进一步发挥。</p>                        |
            JSON 1.0: content_html, summary  | jsonfeed10.json    | 0 | <p>科创50指数收涨<b>2.1%</b>，半导体设备股走强。</p>                | <p>科创50指数收涨2.1%。</p>
            JSON 1.0: summary only, escaped  | jsonfeed10.json    | 1 | <p>两家半导体企业科创板IPO申请获受理 &amp; 进入审核。</p>          |
            JSON 1.1: content_text escaped   | jsonfeed11.json    | 1 | <p>股票ETF份额连续三周增长，净申购超百亿份。</p><p>宽基ETF&lt;最受青睐&gt;。</p> |
            """)
    void readsHtmlAndSummary(String name, String fixture, int index, String html, String summary) {
        ParsedFeed.Entry e = entry(fixture, index);
        assertEquals(html, e.html());
        assertEquals(summary, e.summary());
    }

    @Test
    void atomHonoursXmlBase() {
        ParsedFeed feed = parsed("atom10.xml");
        assertEquals("财经头条", feed.title());
        assertEquals("http://news.example.com/finance/index.html", feed.link());
        assertEquals("http://news.example.com/finance/2022/05/26/cny.html", feed.entries().get(0).link());
        assertEquals("http://news.example.com/finance/regulation/0526-insurance.html", feed.entries().get(1).link());
    }

    @Test
    void atomEntryWithoutIdHasNoId() {
        assertEquals("http://news.example.com/finance/2022/05/26/cny.html", entry("atom10.xml", 0).id());
        assertEquals(null, entry("atom10.xml", 1).id());
    }

    @Test
    void atom03IssuedIsPublishedAndModifiedIsUpdated() {
        assertEquals(time("2022-05-26T21:05:00+08:00"), entry("atom03.xml", 0).published());
        assertEquals(time("2022-05-26T21:30:00+08:00"), entry("atom03.xml", 0).updated());
    }

    @Test
    void rss10SubjectIsACategory() {
        assertEquals(List.of("国债"), entry("rss10-rdf.xml", 0).categories());
    }

    @Timeout(value = 10, threadMode = SEPARATE_THREAD)
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xxe.xml", "billion-laughs.xml"})
    void refusesDeclaredEntities(String fixture) {
        var e = assertThrows(FeedParser.NotAFeed.class, () -> PARSER.parse(fixture(fixture), URL, "application/rss+xml"));
        assertEquals(ENTITIES_REFUSED, e.getMessage());
    }

    @Test
    @Timeout(value = 10, threadMode = SEPARATE_THREAD)
    void refusesQuadraticBlowUp() {
        String doc = rss("<!doctype rss [<!ENTITY big \"" + "涨".repeat(50_000) + "\">]>", "&big;".repeat(20_000), "");
        var e = assertThrows(FeedParser.NotAFeed.class, () -> PARSER.parse(doc, URL, null));
        assertEquals(ENTITIES_REFUSED, e.getMessage());
    }

    /** Whatever happens to the entity check, the external entity itself is never loaded. */
    @Test
    @Timeout(value = 20, threadMode = SEPARATE_THREAD)
    void neverLoadsAnExternalEntity() {
        String doc = rss("<!--" + "x".repeat(70_000) + "-->\n<!DOCTYPE rss [<!ENTITY s SYSTEM \"file:///etc/passwd\">]>",
                "&s;", "<item><title>&s;</title></item>");
        String outcome;
        try {
            outcome = String.valueOf(PARSER.parse(doc, URL, null));
        } catch (FeedParser.NotAFeed e) {
            outcome = e.getMessage();
        }
        assertFalse(outcome.contains("root:"), outcome);
    }

    @Test
    @Timeout(value = 10, threadMode = SEPARATE_THREAD)
    void refusesEntitiesAfterALongComment() {
        String doc = rss("<!--" + "x".repeat(70_000) + "-->\n<!DOCTYPE rss [<!ENTITY i \"内部\">]>", "&i;", "");
        var e = assertThrows(FeedParser.NotAFeed.class, () -> PARSER.parse(doc, URL, null));
        assertEquals(ENTITIES_REFUSED, e.getMessage());
    }

    @Test
    void anArticleAboutXxeIsNotMistakenForADeclaration() throws Exception {
        String doc = rss("", "安全周报", "<item><title>XML 外部实体</title><description><![CDATA[<p>攻击者写下"
                + " <!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]> 这样的声明。</p>]]></description></item>");
        assertEquals("XML 外部实体", PARSER.parse(doc, URL, null).entries().get(0).title());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            external DTD, never loaded       | <!DOCTYPE rss SYSTEM "file:///nonexistent/rss-0.91.dtd">   | <p>盘中快讯</p>
            internal subset without entities | <!DOCTYPE rss [<!ELEMENT rss ANY>]>                         | <p>无实体声明</p>
            no DOCTYPE, <!ENTITY in CDATA    |                                                             | <!ENTITY x SYSTEM "file:///etc/passwd">
            """)
    void readsDocumentsThatDeclareNoEntities(String name, String prolog, String body) throws FeedParser.NotAFeed {
        String doc = rss(prolog == null ? "" : prolog, "XXE 科普",
                "<item><title>&lt;!ENTITY&gt;</title><description><![CDATA[" + body + "]]></description></item>");
        ParsedFeed.Entry e = PARSER.parse(doc, URL, null).entries().get(0);
        assertEquals("<!ENTITY>", e.title());
        assertEquals(body, e.html());
    }

    @Test
    void anHtmlPageIsNotAFeed() {
        var e = assertThrows(FeedParser.NotAFeed.class, () -> PARSER.parse(fixture("html-page.html"), URL, "text/html"));
        assertTrue(e.getMessage().startsWith("not an RSS or Atom feed: "), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                 | ''                                            |                  | empty document
            blank                 | '   '                                         |                  | empty document
            plain text            | 今日无更新                                    | text/plain       | not XML or JSON
            XHTML page            | <html xmlns="http://www.w3.org/1999/xhtml"/>  | application/xml  | not an RSS or Atom feed:
            unclosed XML          | <rss version="2.0"><channel>                  |                  | not an RSS or Atom feed:
            JSON, not a feed      | '{"title": "x", "items": []}'                 |                  | not a JSON Feed
            JSON Feed version 2   | '{"version": "https://jsonfeed.org/version/2"}' |                | not a JSON Feed
            JSON array            | [1, 2]                                        | application/json | not a JSON Feed
            broken JSON           | '{"version":'                                 |                  | not valid JSON:
            """)
    void refusesNonFeeds(String name, String text, String contentType, String message) {
        var e = assertThrows(FeedParser.NotAFeed.class, () -> PARSER.parse(text, URL, contentType));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            root-relative          | http://example.com/feed | /a.html                    | http://example.com/a.html
            directory-relative     | http://example.com/n/   | 2022/a.html                | http://example.com/n/2022/a.html
            scheme-relative        | https://example.com/    | //cdn.example.net/a.html   | https://cdn.example.net/a.html
            absolute elsewhere     | http://example.com/     | https://other.example.org/ | https://other.example.org/
            stripped               | http://example.com/     | '  /a  '                   | http://example.com/a
            javascript:            | http://example.com/     | javascript:alert(1)        |
            mailto:                | http://example.com/     | mailto:ir@example.com      |
            relative to a file     | file:/tmp/feed.xml      | a.html                     |
            absolute, file base    | file:/tmp/feed.xml      | http://example.com/a       | http://example.com/a
            no base, absolute      |                         | http://example.com/a       | http://example.com/a
            no base, relative      |                         | /a                         |
            blank                  | http://example.com/     | ''                         |
            not a URI              | http://example.com/     | http://exa mple.com/       |
            """)
    void resolvesLinks(String name, String base, String link, String expected) {
        URI resolved = FeedParser.resolve(base == null ? null : URI.create(base), link);
        assertEquals(expected, resolved == null ? null : resolved.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no offset: site zone   | <pubDate>2022-05-26 12:19:14</pubDate>           | <pubDate>2022-05-26T12:19:14+08:00</pubDate>
            +0800, spaces          | <pubDate> 2022-05-26 12:19:14 +0800 </pubDate>   | <pubDate>2022-05-26T12:19:14+08:00</pubDate>
            prefixed, no seconds   | <dc:date>2022-05-27 09:15</dc:date>              | <dc:date>2022-05-27T09:15:00+08:00</dc:date>
            attributes, date only  | <updated type="x">2022-05-26</updated>           | <updated type="x">2022-05-26T00:00:00+08:00</updated>
            RFC 822 untouched      | <pubDate>Thu, 26 May 2022 04:19:14 GMT</pubDate> | <pubDate>Thu, 26 May 2022 04:19:14 GMT</pubDate>
            not a date element     | <title>2022-05-26 12:19:14</title>               | <title>2022-05-26 12:19:14</title>
            not a date             | <pubDate>2022-13-01 10:00</pubDate>              | <pubDate>2022-13-01 10:00</pubDate>
            mismatched end tag     | <pubDate>2022-05-26</date>                       | <pubDate>2022-05-26</date>
            """)
    void rewritesChineseDateForms(String name, String xml, String expected) {
        assertEquals(expected, PARSER.normaliseDates(xml));
    }
}
