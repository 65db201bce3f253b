package io.posthorn.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import io.posthorn.testing.ActiveContent;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** XSS vectors from public cheat sheets (OWASP, PortSwigger): each has an exact expected output. */
class XssVectorsTest {
    private static final ContentCleaner CLEANER =
            new ContentCleaner(URI.create("http://127.0.0.1:8080/"), CleanRules.defaults());

    static Stream<Arguments> vectors() throws IOException {
        try (InputStream in = XssVectorsTest.class.getResourceAsStream("/clean/xss.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t", -1))
                    .map(f -> Arguments.of(Named.of(f[0], f[1].replace("\\t", "\t").replace("\\n", "\n")), f[2]))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void hostileBodiesComeOutInert(String body, String expected) {
        CleanContent c = CLEANER.clean(body, null, null, 200);
        assertEquals(expected, c.html());
        assertEquals(List.of(), ActiveContent.in(c.html()));
    }
}
