package io.posthorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbedHandlerTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            validator                  | if-none-match                           | if-none-match
            both, browser spelling     | If-None-Match,if-modified-since         | If-None-Match, if-modified-since
            others dropped             | x-tracking, if-none-match , authorization | if-none-match
            none allowed               | authorization                           | ''
            """)
    void preflightEchoesOnlyTheAllowedRequestHeaders(String name, String requested, String echoed) {
        assertEquals(echoed, EmbedHandler.allowedOf(requested));
    }
}
