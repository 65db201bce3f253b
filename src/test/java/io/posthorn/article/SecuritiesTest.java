package io.posthorn.article;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Securities in real-shaped titles and bodies: every expected code found, with its name, and no
 * false one. Expected: {@code CODE=name} pairs in order of first appearance, {@code ;}-separated
 * ({@code CODE=} when no name is written before it); empty when there is none.
 */
class SecuritiesTest {
    private static String found(String text) {
        return Securities.scan(text).stream().map(f -> f.code() + "=" + f.name()).collect(Collectors.joining(";"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "¦", quoteCharacter = '`', textBlock = """
            US in a title ¦ 英伟达(NVDA.US)发布新一代AI芯片 ¦ NVDA.US=英伟达
            two US, the seed title ¦ 扩大合作！Meta(FB.US)选择微软(MSFT.US)Azure加速Meta AI研发 ¦ FB.US=Meta;MSFT.US=微软
            US with a class letter ¦ 伯克希尔(BRK.B.US)增持西方石油 ¦ BRK.B.US=伯克希尔
            US, full-width brackets ¦ 苹果（AAPL.US）市值创新高 ¦ AAPL.US=苹果
            US after a comma ¦ 智通财经APP获悉，特斯拉(TSLA.US)6月交付量回升 ¦ TSLA.US=特斯拉
            US after a verb ¦ 消息称亚马逊(AMZN.US)将裁员 ¦ AMZN.US=亚马逊
            US after 与 ¦ 高通与苹果(AAPL.US)续签协议 ¦ AAPL.US=苹果
            US, Latin name after Chinese ¦ 公司选择Google(GOOGL.US)的云服务 ¦ GOOGL.US=Google
            US, two-word Latin name ¦ 据悉Bank of America(BAC.US)上调评级 ¦ BAC.US=Bank of America
            HK with suffix ¦ 腾讯控股(00700.HK)回购 ¦ 00700.HK=腾讯控股
            HK bare five digits ¦ 阿里巴巴-SW(09988)拟申请香港主要上市 ¦ 09988.HK=阿里巴巴-SW
            HK bare, after comma ¦ 智通财经APP讯，比亚迪股份(01211)公布6月销量 ¦ 01211.HK=比亚迪股份
            HK four digits padded ¦ 汇丰控股(0005.HK)派息 ¦ 00005.HK=汇丰控股
            HK, full-width brackets ¦ 小米集团-W（01810）发布财报 ¦ 01810.HK=小米集团-W
            HK -S suffix ¦ 百度集团-SW(09888)与理想汽车-W(02015)合作 ¦ 09888.HK=百度集团-SW;02015.HK=理想汽车-W
            SH ¦ 隆基绿能(601012.SH)下调硅片价格 ¦ 601012.SH=隆基绿能
            SH STAR ¦ 寒武纪(688256.SH)推出新品 ¦ 688256.SH=寒武纪
            SZ ¦ 宁德时代(300750.SZ)钠离子电池 ¦ 300750.SZ=宁德时代
            SZ full-width ¦ 北方华创（002371.SZ）在手订单饱满 ¦ 002371.SZ=北方华创
            BJ ¦ 贝特瑞(835185.BJ)扩产 ¦ 835185.BJ=贝特瑞
            BJ 43 prefix ¦ 诺思兰德(430047.BJ)获批临床 ¦ 430047.BJ=诺思兰德
            A and H together ¦ 中芯国际(688981.SH)与中芯国际(00981.HK)同步公告 ¦ 688981.SH=中芯国际;00981.HK=中芯国际
            the same code twice ¦ 赣锋锂业(002460.SZ)公告，赣锋锂业(002460.SZ)拟扩产 ¦ 002460.SZ=赣锋锂业
            name most often written ¦ 选择微软(MSFT.US)；微软(MSFT.US)表示；微软(MSFT.US)称 ¦ MSFT.US=微软
            name after 宣布 ¦ 公司宣布比亚迪(002594.SZ)入选 ¦ 002594.SZ=比亚迪
            name after 旗下 ¦ 阿里旗下菜鸟(CAI.US)递表 ¦ CAI.US=菜鸟
            chart reference outside a chart block ¦ GetPic.aspx?nid=105.MSFT&imageType=k ¦ 
            chart nid US ¦ <!-- EM_StockImg_Start --><a href="https://quote.example.com/unify/r/105.MSFT">图</a><!-- EM_StockImg_End --> ¦ 
            chart nid in img ¦ <!-- EM_StockImg_Start --><img src="https://webquoteklinepic.eastmoney.com/GetPic.aspx?nid=105.MSFT&imageType=k"><!-- EM_StockImg_End --> ¦ MSFT.US=
            chart nid HK ¦ <!-- EM_StockImg_Start -->GetPic.aspx?nid=116.00700&imageType=k<!-- EM_StockImg_End --> ¦ 00700.HK=
            chart nid SH ¦ <!-- EM_StockImg_Start -->GetPic.aspx?nid=1.601012&imageType=k<!-- EM_StockImg_End --> ¦ 601012.SH=
            chart nid SZ ¦ <!-- EM_StockImg_Start -->GetPic.aspx?nid=0.002371&imageType=k<!-- EM_StockImg_End --> ¦ 002371.SZ=
            chart nid 106 ¦ <!-- EM_StockImg_Start -->GetPic.aspx?nid=106.BABA&imageType=k<!-- EM_StockImg_End --> ¦ BABA.US=
            chart nid 107 ¦ <!-- EM_StockImg_Start -->GetPic.aspx?nid=107.SPY&imageType=k<!-- EM_StockImg_End --> ¦ SPY.US=
            chart data-code US ¦ <!-- EM_StockImg_Start --><a data-code="MSFT|105|7" class="EmImageRemark"><!-- EM_StockImg_End --> ¦ MSFT.US=
            chart data-code HK ¦ <!-- EM_StockImg_Start --><a data-code="09988|116|7"><!-- EM_StockImg_End --> ¦ 09988.HK=
            chart data-code SZ ¦ <!-- EM_StockImg_Start --><a data-code="002460|0|7"><!-- EM_StockImg_End --> ¦ 002460.SZ=
            chart data-code K prefix ¦ <!-- EM_StockImg_Start --><img alt="K图" data-code="K 688256|1|7"><!-- EM_StockImg_End --> ¦ 688256.SH=
            chart and text, one code ¦ <!-- EM_StockImg_Start -->nid=105.FB&x=1 … Meta(FB.US)<!-- EM_StockImg_End --> ¦ FB.US=Meta
            not: a year ¦ 公司(2022)年报 ¦ 
            not: a percentage ¦ 指数收涨(1.12%) ¦ 
            not: a negative percentage ¦ 恒指(-0.85%) ¦ 
            not: letters without market ¦ 微软Azure虚拟机(VM) ¦ 
            not: a product name ¦ Azure(NDm A100 v4)虚拟机 ¦ 
            not: AI ¦ 人工智能(AI)研发 ¦ 
            not: a date in brackets ¦ 公告(2022-05-26)发布 ¦ 
            not: an amount ¦ 营收(12000)万元 ¦ 
            not: an amount with unit ¦ 净利润(3.5亿元) ¦ 
            not: a bare number without name ¦ （09988） ¦ 
            not: lowercase market ¦ 微软(msft.us) ¦ 
            not: six digits without market ¦ 代码(600519) ¦ 
            not: seven digits ¦ 编号(6005190.SH) ¦ 
            not: unknown market ¦ 公司(7203.T) ¦ 
            not: empty brackets ¦ 公司() ¦ 
            not: unclosed bracket ¦ 微软(MSFT.US ¦ 
            not: a nid of another kind ¦ <!-- EM_StockImg_Start -->nid=2.ABC<!-- EM_StockImg_End --> ¦ 
            not: a data-code of a theme ¦ <!-- EM_StockImg_Start -->data-code="hot|9|7"<!-- EM_StockImg_End --> ¦ 
            not: a code too long for US ¦ 公司(ABCDEFG.US) ¦ 
            not: a phone number ¦ 电话(021-12345678) ¦ 
            not: a year range ¦ 计划(2022-2025) ¦ 
            HK bare after a Latin name ¦ HSBC(00005)派息 ¦ 00005.HK=HSBC
            keeps a leading 和 of a name ¦ 公告：和黄医药(00013.HK)获批 ¦ 00013.HK=和黄医药
            mixed list ¦ 美团-W(03690)、京东集团-SW(09618)与拼多多(PDD.US) ¦ 03690.HK=美团-W;09618.HK=京东集团-SW;PDD.US=拼多多
            """)
    void findsEveryCodeAndNoFalseOne(String name, String text, String expected) {
        assertEquals(expected == null ? "" : expected, found(text));
    }

    @ParameterizedTest(name = "stocks: {0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            MSFT.US  | MSFT.US
            msft.us  | MSFT.US
            700.HK   | 00700.HK
            00700.hk | 00700.HK
            601012.SH | 601012.SH
            002371.sz | 002371.SZ
            430047.BJ | 430047.BJ
            BRK.B.US | BRK.B.US
            腾讯      | NULL
            600519   | NULL
            """)
    void frontMatterCodesAreNormalised(String text, String expected) {
        assertEquals(expected, Securities.normalise(text));
    }

    @Test
    void theSeedArticleFindsMicrosoftAndMeta() throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of("articles/zhitongcaijingwang/2022-05-26-meta-azure.md"));
        String found = Securities.scan(bytes, bytes.length, java.nio.charset.StandardCharsets.UTF_8).stream()
                .map(f -> f.code() + "=" + f.name()).collect(Collectors.joining(";"));
        assertEquals("FB.US=Meta;MSFT.US=微软", found);
    }
}
