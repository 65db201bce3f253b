package io.posthorn.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Matching folds Traditional to Simplified and Latin to lower case, character by character. */
class FoldTest {
    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(textBlock = """
            回购, 回購
            干燥, 乾燥
            看着, 看著
            面条, 麵條
            面条, 麪條
            里面, 裡面
            里面, 裏面
            头发, 頭髮
            之后, 之後
            余额, 餘額
            台湾, 臺灣
            于是, 於是
            钟表, 鐘錶
            宁德时代, 寧德時代
            TESLA, tesla
            Msft.US, msft.us
            """)
    void simplifiedAndTraditionalFormsFoldAlike(String a, String b) {
        assertEquals(Fold.of(a), Fold.of(b));
        assertTrue(Fold.contains("公告：" + b + "进展", Fold.of(a)));
        assertTrue(Fold.contains("公告：" + a + "进展", Fold.of(b)));
    }

    @Test
    void everyTraditionalFormTheConvertersWriteFoldsBackToItsSimplifiedText() {
        String text = "宁德时代拟回购股份 头发很干 之后面条涨价 里面的钟表 于是余额 看着 发展 干部 台湾 软件"; // no vocabulary swaps below
        for (Variant v : new Variant[] {Variant.TRADITIONAL, Variant.HONG_KONG}) {
            assertEquals(Fold.of(text), Fold.of(v.convert(text)), v.name());
        }
    }

    @Test
    void differentWordsDoNotMatch() {
        assertFalse(Fold.contains("台湾软件", Fold.of("軟體")), "regional vocabulary is another word");
        assertFalse(Fold.contains("回", Fold.of("回购")));
        assertFalse(Fold.contains("", Fold.of("a")));
        assertTrue(Fold.contains("A股", Fold.of("a股")));
        assertEquals("a股 ①", Fold.of("A股 ①"), "other characters stay");
    }
}
