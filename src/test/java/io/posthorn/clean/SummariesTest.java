package io.posthorn.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SummariesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            short text unchanged           | 短文本。                          | 10 | 短文本。
            exactly at budget              | 一二三四五六七八九十              | 10 | 一二三四五六七八九十
            cut with ellipsis              | 一二三四五六七八九十十一          | 10 | 一二三四五六七八九…
            sentence end inside window     | 一二三四五六七。九十十一十二      | 10 | 一二三四五六七。…
            sentence end outside window    | 一二。四五六七八九十十一十二      | 10 | 一二。四五六七八九…
            emoji is never split           | 一二三四五六七八😀九十            | 10 | 一二三四五六七八😀…
            latin sentence end             | Hello world. More text here now  | 16 | Hello world.…
            decimal point is no sentence end | 一二三四五六七八上涨2.50%增    | 15 | 一二三四五六七八上涨2.50…
            combining mark kept whole      | 一二三四五六七八e\u0301九十          | 10 | 一二三四五六七八…
            """)
    void cutsByCodePointsAtGraphemesPreferringSentenceEnds(String name, String text, int max, String expected) {
        String input = text.replace("\\u0301", "\u0301");
        String result = Summaries.cut(input, max);
        assertEquals(expected, result);
        if (result.codePointCount(0, result.length()) > max) {
            throw new AssertionError("over budget: " + result);
        }
    }
}
