package io.posthorn.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema check used by the feed tests can fail: it rejects what RFC 4287 rejects. */
class AtomSchemaTest {
    private static final String VALID = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>tag:x.org,2000:f</id>
            <updated>2022-05-26T04:19:14Z</updated><author><name>a</name></author>
            <entry><title>e</title><id>tag:x.org,2000:e</id><updated>2022-05-26T04:19:14Z</updated>%s</entry></feed>""";

    @Test
    void acceptsAMinimalFeed() {
        assertEquals(List.of(), AtomSchema.errors(VALID.formatted("").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rejectsAnEntryWithTwoIdsOrABadDateOrMalformedXml() {
        assertFalse(AtomSchema.errors(VALID.formatted("<id>tag:x.org,2000:f2</id>").getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertFalse(AtomSchema.errors(VALID.replace("2022-05-26T04:19:14Z</updated><author>", "yesterday</updated><author>")
                .formatted("").getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertFalse(AtomSchema.errors("<feed".getBytes(StandardCharsets.UTF_8)).isEmpty());
    }
}
