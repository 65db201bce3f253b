package io.posthorn.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What OpenCC (through opencc4j) makes of the phrases our articles use, the known traps first.
 * Each row gives what a reader of that region expects; where the library writes something else,
 * the row says so ({@code miss}) and what it writes, so the table documents its misses and a
 * library upgrade that fixes one shows up here. README "Traditional Chinese" lists the misses.
 */
class VariantTest {
    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource(delimiterString = "¦", textBlock = """
            著名         ¦ TRADITIONAL ¦ 著名       ¦
            看着         ¦ TAIWAN      ¦ 看著       ¦
            看着         ¦ HONG_KONG   ¦ 看着       ¦
            头发         ¦ TRADITIONAL ¦ 頭髮       ¦
            发展         ¦ TRADITIONAL ¦ 發展       ¦
            理发         ¦ HONG_KONG   ¦ 理髮       ¦
            发表         ¦ TAIWAN      ¦ 發表       ¦
            干部         ¦ TRADITIONAL ¦ 幹部       ¦
            干燥         ¦ TRADITIONAL ¦ 乾燥       ¦
            干扰         ¦ TRADITIONAL ¦ 干擾       ¦
            若干         ¦ TRADITIONAL ¦ 若干       ¦
            树干         ¦ TAIWAN      ¦ 樹幹       ¦
            头发很干     ¦ TRADITIONAL ¦ 頭髮很乾   ¦
            之后         ¦ TRADITIONAL ¦ 之後       ¦
            皇后         ¦ TRADITIONAL ¦ 皇后       ¦
            后来         ¦ HONG_KONG   ¦ 後來       ¦
            面条         ¦ TAIWAN      ¦ 麵條       ¦ 麪條
            面包         ¦ HONG_KONG   ¦ 麵包       ¦ 麪包
            方面         ¦ TRADITIONAL ¦ 方面       ¦
            见面         ¦ TRADITIONAL ¦ 見面       ¦
            软件         ¦ TAIWAN      ¦ 軟體       ¦
            软件         ¦ HONG_KONG   ¦ 軟件       ¦
            信息         ¦ TAIWAN      ¦ 資訊       ¦
            内存         ¦ TAIWAN      ¦ 記憶體     ¦
            服务器       ¦ TAIWAN      ¦ 伺服器     ¦
            出租车       ¦ TAIWAN      ¦ 計程車     ¦
            人工智能     ¦ TAIWAN      ¦ 人工智慧   ¦
            云计算       ¦ TAIWAN      ¦ 雲端運算   ¦ 雲端計算
            回购         ¦ HONG_KONG   ¦ 回購       ¦
            宁德时代     ¦ HONG_KONG   ¦ 寧德時代   ¦
            腾讯控股     ¦ TRADITIONAL ¦ 騰訊控股   ¦
            美联储加息   ¦ TAIWAN      ¦ 聯準會升息 ¦ 美聯儲加息
            贵州茅台     ¦ HONG_KONG   ¦ 貴州茅台   ¦ 貴州茅臺
            范围         ¦ TRADITIONAL ¦ 範圍       ¦
            范冰冰       ¦ TRADITIONAL ¦ 范冰冰     ¦
            余额         ¦ TRADITIONAL ¦ 餘額       ¦
            余光中       ¦ TRADITIONAL ¦ 余光中     ¦
            一只         ¦ TRADITIONAL ¦ 一隻       ¦
            制造         ¦ TRADITIONAL ¦ 製造       ¦
            制度         ¦ TRADITIONAL ¦ 制度       ¦
            联系         ¦ TAIWAN      ¦ 聯絡       ¦
            里面         ¦ TAIWAN      ¦ 裡面       ¦
            里面         ¦ HONG_KONG   ¦ 裏面       ¦
            周期         ¦ TRADITIONAL ¦ 週期       ¦
            """)
    void convertsPhrases(String simplified, Variant variant, String expected, String libraryWrites) {
        String actual = variant.convert(simplified);
        if (libraryWrites == null) {
            assertEquals(expected, actual);
        } else {
            assertNotEquals(expected, actual, "the library now gets this right: drop the miss from the table and README");
            assertEquals(libraryWrites, actual, "a documented miss changed");
        }
    }

    @Test
    void onlyHanCharactersChange() {
        String markup = "<entry xml:lang=\"zh-CN\"><title type=\"html\">&lt;b&gt;软件&lt;/b&gt; A股 (MSFT.US) 1.5%</title>"
                + "<link href=\"https://example.com/%E8%BD%AF%E4%BB%B6?a=1&amp;b=2\"/>“引号”「」…—</entry>";
        for (Variant v : Variant.values()) {
            String converted = v.convert(markup);
            assertEquals(markup.replaceAll("[^\\x00-\\x7F]", ""), converted.replaceAll("[^\\x00-\\x7F]", ""), v.name());
        }
        assertEquals("<entry xml:lang=\"zh-CN\"><title type=\"html\">&lt;b&gt;軟體&lt;/b&gt; A股 (MSFT.US) 1.5%</title>"
                + "<link href=\"https://example.com/%E8%BD%AF%E4%BB%B6?a=1&amp;b=2\"/>“引號”「」…—</entry>",
                Variant.TAIWAN.convert(markup));
    }

    @Test
    void bytesConvertAsTextAndTheOriginalIsNotCopied() {
        byte[] ascii = "<feed/>".getBytes(StandardCharsets.UTF_8);
        assertSame(ascii, Variant.TAIWAN.convert(ascii));
        byte[] chinese = "<t>信息</t>".getBytes(StandardCharsets.UTF_8);
        assertSame(chinese, Variant.SIMPLIFIED.convert(chinese));
        assertEquals("<t>資訊</t>", new String(Variant.TAIWAN.convert(chinese), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "variant={0} opencc={1}")
    @CsvSource(textBlock = """
            zh-Hant,  , TRADITIONAL
            ZH-TW,    , TAIWAN
            zh-hk,    , HONG_KONG
            zh-Hans,  , SIMPLIFIED
            zh-CN,    , SIMPLIFIED
                ,  s2t, TRADITIONAL
                , s2tw, TAIWAN
                ,s2twp, TAIWAN
                , s2hk, HONG_KONG
            zh-TW, s2tw, TAIWAN
                ,     , SIMPLIFIED
            """)
    void readsTheParameters(String variant, String opencc, Variant expected) {
        assertEquals(expected, Variant.of(variant, opencc));
    }

    @Test
    void badParametersSayWhy() {
        assertEquals("Bad parameter variant: must be zh-Hant, zh-TW or zh-HK (or zh-Hans, the original)",
                assertThrows(IllegalArgumentException.class, () -> Variant.of("zh-Latn", null)).getMessage());
        assertEquals("Bad parameter opencc: must be s2t, s2tw, s2twp or s2hk",
                assertThrows(IllegalArgumentException.class, () -> Variant.of(null, "t2s")).getMessage());
        assertEquals("Bad parameters variant and opencc: they ask for different variants",
                assertThrows(IllegalArgumentException.class, () -> Variant.of("zh-HK", "s2tw")).getMessage());
    }
}
