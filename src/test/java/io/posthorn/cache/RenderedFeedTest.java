package io.posthorn.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.util.DateUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenderedFeedTest {
    private static final String ATOM = "application/atom+xml; charset=utf-8";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            epoch                    | 1970-01-01T00:00:00Z
            single-digit day         | 2022-05-06T04:19:14Z
            from +0800, with millis  | 2022-05-26T04:19:14.999Z
            last second of a year    | 2023-12-31T23:59:59Z
            leap day                 | 2024-02-29T12:00:00Z
            """)
    void lastModifiedHeaderIsWhatUndertowWrites(String name, String instant) {
        Instant t = Instant.parse(instant);
        RenderedFeed feed = RenderedFeed.of(new byte[] {1}, t, ATOM);
        assertEquals(DateUtils.toDateString(Date.from(t)), feed.lastModifiedHeader());
    }

    @Test
    void holdsTheBytesAndTheirGzipInReadOnlyDirectViews() throws IOException {
        byte[] body = "<feed>新闻</feed>".getBytes(StandardCharsets.UTF_8);
        RenderedFeed feed = RenderedFeed.of(body, Instant.EPOCH, ATOM);

        ByteBuffer first = feed.body();
        assertTrue(first.isDirect() && first.isReadOnly());
        assertArrayEquals(body, bytes(first));
        assertEquals(body.length, feed.body().remaining(), "each call is a new view at the start");
        assertThrows(ReadOnlyBufferException.class, () -> feed.body().put(0, (byte) 0));
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes(feed.gzip())))) {
            assertArrayEquals(body, in.readAllBytes());
        }
        assertEquals(body.length + feed.gzip().remaining() + 200, feed.weight());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (buffer.hasRemaining()) {
            out.write(buffer.get());
        }
        return out.toByteArray();
    }
}
