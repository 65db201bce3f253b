package io.posthorn.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.posthorn.testing.TestSites;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentCleanerTest {
    private static final ContentCleaner CLEANER = new ContentCleaner(URI.create("http://127.0.0.1:8080/"), CleanRules.defaults());
    private static final String ORIGINAL = "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202205262392869192";

    @Test
    void realExampleContentAndSummaryAreExact() throws Exception {
        String body = TestSites.body(TestSites.REAL_EXAMPLE);
        assertEquals(ORIGINAL, OriginalLink.find(body).orElseThrow());
        assertEquals("智通财经网", new Attribution(CleanRules.defaults()).find(body).orElseThrow());
        CleanContent c = CLEANER.clean(body, "智通财经网", null, 200);
        assertEquals(ORIGINAL, c.original());
        assertEquals("<p>当地时间周三，Meta(FB.US)选择微软(MSFT.US)的Azure作为“战略云提供商”，帮助加速开发者的AI研究和实验。"
                + "作为协议的一部分，Meta公司将扩大使用Azure的超级计算能力，以加速其Meta人工智能小组的AI研究和开发。 "
                + "消息公布后，微软周三收涨1.12%，Meta收涨1.41%。</p>"
                + "<p>据悉，Meta将利用由5400个GPU组成的专用Azure集群，使用Azure中最新的虚拟机(VM)系列(NDm A100 v4系列，"
                + "采用英伟达A100 Tensor Core 80 GB GPU)，用于其一些大规模的AI研究工作负载。</p>"
                + "<p>此外，Meta与微软将合作扩大PyTorch在Azure上的应用，并加速开发者从实验到生产的过程。</p>"
                + "<p>在未来几个月，微软将建立新的PyTorch开发加速器，以促进在Azure上快速实施基于PyTorch的解决方案。"
                + "微软还将继续为PyTorch提供企业级支持，使客户和合作伙伴能够在云和边缘的生产中部署PyTorch模型。</p>"
                + "<p>此前，微软曾在5月24日宣布，日本川崎重工业成为该公司工业元宇宙的新客户。川崎计划使用微软的HoloLens头戴设备"
                + "帮助制造机器人，该公司的车间工人将戴着这种设备辅助生产、维修和供应链管理。而在川崎之前，微软的工业元宇宙已有"
                + "两个重量级客户亨氏和波音。其中亨氏曾宣布将在番茄酱工厂中使用微软工业元宇宙制造番茄酱。</p>"
                + "<p class=\"source\">文章来源：<a href=\"" + ORIGINAL + "\" rel=\"nofollow noopener noreferrer\">智通财经网</a></p>",
                c.html());
        assertEquals("当地时间周三，Meta(FB.US)选择微软(MSFT.US)的Azure作为“战略云提供商”，帮助加速开发者的AI研究和实验。"
                + "作为协议的一部分，Meta公司将扩大使用Azure的超级计算能力，以加速其Meta人工智能小组的AI研究和开发。 "
                + "消息公布后，微软周三收涨1.12%，Meta收涨1.41%。… 文章来源：智通财经网", c.summary());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            hidden paragraph        | <p style="display:none">x</p><p>正文。</p>                     | <p>正文。</p>
            visibility hidden       | <p style="visibility: hidden">x</p><p>正文。</p>               | <p>正文。</p>
            hidden attribute        | <div hidden>x</div><p>正文。</p>                               | <p>正文。</p>
            stock chart block       | <!-- EM_StockImg_Start --><p><img src="http://a/b.png"></p><!-- EM_StockImg_End --><p>正文。</p> | <p>正文。</p>
            chart host image        | <p><a href="http://quote.eastmoney.com/x"><img src="https://webquoteklinepic.eastmoney.com/GetPic.aspx?x=1"></a></p><p>正文。</p> | <p>正文。</p>
            script and style        | <script>alert(1)</script><style>p{}</style><p>正文。</p>       | <p>正文。</p>
            event handler           | <p onclick="alert(1)">正文。</p>                               | <p>正文。</p>
            javascript link         | <p><a href="javascript:alert(1)">点</a></p>                    | <p><a rel="nofollow noopener noreferrer">点</a></p>
            navigation links        | <p>正文。</p>\\n\\n[返回智通财经网新闻](//x.com/a.html)｜[返回首页](//x.com/) | <p>正文。</p>
            markdown link kept      | [链接](https://example.com/a)                                 | <p><a href="https://example.com/a" rel="nofollow noopener noreferrer">链接</a></p>
            protocol-relative URL   | <p><img src="//img.example.com/a.png"></p>                    | <p><img src="https://img.example.com/a.png"></p>
            relative URL            | <p><a href="/x">相对</a></p>                                   | <p><a href="http://127.0.0.1:8080/x" rel="nofollow noopener noreferrer">相对</a></p>
            tracking pixel          | <p>正文。<img src="https://t.example.com/p.gif" width="1" height="1"></p> | <p>正文。</p>
            empty paragraphs        | <p> </p><p>　</p><p>正文。</p><p><br/></p>                     | <p>正文。</p>
            invisible characters only | <p>&#8203;</p><div><p><span>&shy;</span></p></div><p>正文。</p> | <p>正文。</p>
            attribution half-width  | <p>正文。</p><p>(来源：证券时报)</p>                              | <p>正文。</p>
            """)
    void junkAndActiveContentAreRemoved(String name, String body, String expected) {
        CleanContent c = CLEANER.clean(body.replace("\\n", "\n"), null, null, 200);
        assertEquals(expected, c.html(), name);
    }

    @Test
    void frontMatterSummaryWinsAndIsCleaned() {
        CleanContent c = CLEANER.clean("<p>正文。</p>", "财联社", "<b>摘要</b>。", 200);
        assertEquals("摘要。 文章来源：财联社", c.summary());
        assertEquals("<p>正文。</p><p class=\"source\">文章来源：财联社</p>", c.html());
    }

    @Test
    void noSourceMeansNoAttributionLine() {
        CleanContent c = CLEANER.clean("<p>正文。</p>", null, null, 200);
        assertEquals("正文。", c.summary());
        assertFalse(c.html().contains("文章来源"));
    }

    @Test
    void rulesApplyInTurnAfterTheAlwaysRemovedTags() {
        // a rule that looks at neighbours sees the tree the earlier rules left, as written in feeds.yml
        ContentCleaner cleaner = new ContentCleaner(URI.create("http://127.0.0.1:8080/"),
                CleanRules.of(List.of(".ad", "h2 + p", "div:has(script)"), List.of(), List.of(), List.of(), List.of(), true));
        CleanContent c = cleaner.clean("<h2>标题</h2><div class=\"ad\">广告</div><p>紧随标题</p><p>正文。</p>"
                + "<div><script>x()</script>保留的文字</div>", null, null, 200);
        assertEquals("<h2>标题</h2><p>正文。</p><div>保留的文字</div>", c.html());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            class                  | .em_media                                  | true
            attribute with colon   | [style~=(?i)display\\s*:\\s*none]           | true
            tag and attributes     | img[width=1][height=1]                     | true
            attribute with space   | a[title='a b']                             | true
            adjacent sibling       | h2 + p                                     | false
            descendant             | div p                                      | false
            child                  | div > p                                    | false
            pseudo-class           | p:containsOwn(广告)                         | false
            group                  | .a, .b                                     | false
            """)
    void selectorsThatLookOnlyAtTheElementCanBeCombined(String name, String selector, boolean alone) {
        assertEquals(alone, ContentCleaner.onTheElementAlone(selector), name);
    }
}
