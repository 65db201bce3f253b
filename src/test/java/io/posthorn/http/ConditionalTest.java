package io.posthorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionalTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            exact                | "abc"                 | true
            weak form matches    | W/"abc"               | true
            in a list            | "x", W/"abc" ,"y"     | true
            star                 | *                     | true
            other                | "abd"                 | false
            unquoted             | abc                   | false
            """)
    void ifNoneMatchUsesWeakComparison(String name, String header, boolean expected) {
        assertEquals(expected, Conditional.matchesAny(header, "\"abc\""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain                  | gzip                 | true
            with others            | br, gzip;q=0.5       | true
            refused with q=0       | gzip;q=0             | false
            star                   | *                    | true
            identity only          | identity             | false
            """)
    void gzipNegotiation(String name, String header, boolean expected) {
        assertEquals(expected, FeedHandler.acceptsGzip(header));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            root                  | /                            | []
            chinese tag           | /feeds/tags/%E7%BE%8E.atom   | [feeds, tags, 美.atom]
            encoded slash stays   | /feeds/tags/a%2Fb.atom       | [feeds, tags, a/b.atom]
            dot-dot is a name     | /feeds/../x                  | [feeds, .., x]
            bad escape            | /feeds/%zz                   |
            truncated escape      | /feeds/%E                    |
            invalid UTF-8         | /feeds/%E7%BE                |
            """)
    void pathsAreSplitBeforeDecoding(String name, String raw, String expected) {
        assertEquals(Optional.ofNullable(expected), PathSegments.split(raw).map(List::toString));
    }
}
