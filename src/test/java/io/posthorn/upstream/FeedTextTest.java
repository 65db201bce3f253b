package io.posthorn.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FeedTextTest {
    private static final Charset GBK = Charset.forName("GBK");
    private static final Charset GB2312 = Charset.forName("GB2312");
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset BIG5 = Charset.forName("Big5");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};

    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            byte[] b = part instanceof byte[] bs ? bs : part instanceof Integer i ? new byte[] {i.byteValue()}
                    : ((String) part).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    static Stream<Arguments> charsets() {
        String prologGb2312 = "<?xml version=\"1.0\" encoding=\"gb2312\"?><title>债券市场</title>";
        String prologBig5 = "<?xml version='1.0' encoding='gb2312'?><t>臺灣股市</t>";
        return Stream.of(
                Arguments.of("UTF-8 BOM", bytes(UTF8_BOM, "<rss>沪深</rss>"), null, "<rss>沪深</rss>"),
                Arguments.of("UTF-8 BOM beats a GBK declaration", bytes(UTF8_BOM, "<t>沪深</t>"), "GBK", "<t>沪深</t>"),
                Arguments.of("UTF-16LE BOM", bytes(UTF16LE_BOM, "<rss>港股</rss>".getBytes(StandardCharsets.UTF_16LE)),
                        null, "<rss>港股</rss>"),
                Arguments.of("UTF-16BE BOM", bytes(UTF16BE_BOM, "<rss>港股</rss>".getBytes(StandardCharsets.UTF_16BE)),
                        "utf-8", "<rss>港股</rss>"),
                Arguments.of("GBK declared in HTTP", "<title>人民币汇率</title>".getBytes(GBK), "GBK",
                        "<title>人民币汇率</title>"),
                Arguments.of("GBK, quoted and upper case", "<t>人民币</t>".getBytes(GBK), "\"GBK\"", "<t>人民币</t>"),
                Arguments.of("GBK read as GB18030 (㐀 is not in GBK)", "<t>㐀股</t>".getBytes(GB18030), "gbk", "<t>㐀股</t>"),
                Arguments.of("GB2312 declared in the prolog", prologGb2312.getBytes(GB2312), null, prologGb2312),
                Arguments.of("unknown HTTP charset: the prolog", prologGb2312.getBytes(GB2312), "x-no-such", prologGb2312),
                Arguments.of("HTTP charset beats the prolog", prologBig5.getBytes(BIG5), "big5", prologBig5),
                Arguments.of("no declaration, GB18030 bytes", "<title>基金净值</title>".getBytes(GB18030), null,
                        "<title>基金净值</title>"),
                Arguments.of("declared GBK, valid UTF-8 wins", "<title>期货</title>".getBytes(StandardCharsets.UTF_8),
                        "GBK", "<title>期货</title>"),
                Arguments.of("declared ISO-8859-1", "<t>café</t>".getBytes(StandardCharsets.ISO_8859_1), "iso-8859-1",
                        "<t>café</t>"),
                Arguments.of("declared UTF-8, invalid bytes dropped", bytes("<t>涨", 0xFF, "跌", 0xC3, "</t>"), "utf-8",
                        "<t>涨跌</t>"),
                Arguments.of("BOM, invalid bytes dropped", bytes(UTF8_BOM, "<t>涨", 0x80, "跌</t>"), null, "<t>涨跌</t>"),
                Arguments.of("no declaration, neither UTF-8 nor GB18030", bytes("ok", 0xFF, "!"), null, "ok!"),
                // 债券 in GB2312 is D5 AE C8 AF, which is also valid UTF-8: the documented order makes UTF-8 win
                Arguments.of("GB2312 bytes that are valid UTF-8", "<t>债券</t>".getBytes(GB2312), "gb2312", "<t>ծȯ</t>"),
                Arguments.of("controls dropped after decoding", bytes("a", 0x01, "b", 0xC2, 0x85, "c", 0x7F), null, "ab c"),
                Arguments.of("empty", new byte[0], null, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charsets")
    void decodes(String name, byte[] bytes, String httpCharset, String expected) {
        assertEquals(expected, FeedText.decode(bytes, httpCharset));
    }

    static Stream<Arguments> controls() {
        return Stream.of(
                Arguments.of("U+0001", "涨\u0001跌", "涨跌"),
                Arguments.of("NUL", "a\u0000b", "ab"),
                Arguments.of("DEL", "a\u007Fb", "ab"),
                Arguments.of("C1 U+0080 and U+009F", "a\u0080b\u009Fc", "abc"),
                Arguments.of("NEL becomes a space", "沪指\u0085收涨", "沪指 收涨"),
                Arguments.of("U+FFFE and U+FFFF", "a\uFFFEb\uFFFFc", "abc"),
                Arguments.of("lone surrogates", "a\uD800b\uDC00c", "abc"),
                Arguments.of("tab, newline, return kept", "a\tb\nc\rd", "a\tb\nc\rd"),
                Arguments.of("astral character kept", "涨📈", "涨📈"),
                Arguments.of("U+00A0 and U+3000 kept", "a\u00A0b\u3000c", "a\u00A0b\u3000c"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controls")
    void dropsIllegalCharacters(String name, String text, String expected) {
        assertEquals(expected, FeedText.clean(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            decimal 1             | a&#1;b             | ab
            decimal 0             | a&#0;b             | ab
            hex 7f (DEL)          | a&#x7f;b           | ab
            hex 80 (C1)           | a&#x80;b           | ab
            upper-case hex 9F     | a&#x9F;b           | ab
            decimal 159           | a&#159;b           | ab
            decimal 133 (NEL)     | 沪指&#133;收涨      | 沪指 收涨
            hex 85 (NEL)          | a&#x85;b           | a b
            hex D800 (surrogate)  | a&#xD800;b         | ab
            hex FFFE              | a&#xFFFE;b         | ab
            beyond U+10FFFF       | a&#x110000;b       | ab
            ten digits            | a&#4294967297;b    | ab
            legal CJK kept        | &#20013;&#x6587;   | &#20013;&#x6587;
            legal astral kept     | &#x1F4C8;          | &#x1F4C8;
            tab and newline kept  | a&#9;b&#10;c&#13;  | a&#9;b&#10;c&#13;
            160 kept              | a&#160;b           | a&#160;b
            escaped, not a ref    | a&amp;#1;b         | a&amp;#1;b
            no semicolon          | a&#1 b             | a&#1 b
            several               | &#1;涨&#x85;&#20013;&#x7F; | 涨 &#20013;
            """)
    void dropsReferencesToIllegalCharacters(String name, String text, String expected) {
        assertEquals(expected, FeedText.decode(text.getBytes(StandardCharsets.UTF_8), null));
    }

    @Test
    void dropsReferencesWithLeadingZeros() {
        assertEquals("ab", FeedText.decode("a&#00000000001;b&#x000000001;".getBytes(StandardCharsets.UTF_8), null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            GBK            | GBK         | GB18030
            gb2312         | gb2312      | GB18030
            GB_2312-80     | GB_2312-80  | GB18030
            x-gbk          | x-gbk       | GB18030
            cp936          | cp936       | GB18030
            quoted Big5    | '"Big5"'    | Big5
            UTF-8 spaced   | ' utf-8 '   | UTF-8
            unknown        | x-no-such   |
            illegal name   | 'utf 8'     |
            blank          | ' '         |
            """)
    void namesCharsets(String name, String charset, String expected) {
        Charset c = FeedText.charset(charset);
        assertEquals(expected, c == null ? null : c.name());
    }
}
