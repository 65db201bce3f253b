package io.posthorn.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlainTextTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            empty                    | ``                 | ``
            one space                | ` `                | ``
            single spaces kept       | `a b c`            | `a b c`
            runs collapsed           | `a  b`             | `a b`
            leading space            | ` a`               | `a`
            trailing space           | `a `               | `a`
            tab and newline          | `a\\t\\nb`           | `a b`
            ideographic space        | `智通\\u3000财经`      | `智通 财经`
            no-break space           | `a\\u00A0b`         | `a b`
            Chinese title            | `扩大合作！Meta选择微软` | `扩大合作！Meta选择微软`
            """)
    void collapsesSpacesAndTrims(String name, String text, String expected) {
        String input = unescape(text);
        assertEquals(unescape(expected), PlainText.collapse(input));
    }

    @ParameterizedTest
    @CsvSource({"a b", "扩大合作！Meta选择微软", "x"})
    void givesBackTheSameStringWhenNothingChanges(String text) {
        assertSame(text, PlainText.collapse(text));
    }

    private static String unescape(String s) {
        return s.replace("\\t", "\t").replace("\\n", "\n").replace("\\u3000", "\u3000").replace("\\u00A0", "\u00A0");
    }
}
