package io.posthorn.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.xml.sax.InputSource;

/** Parsing and validating what a server served: Rome for XML feeds, Jackson and a schema for JSON Feed. */
public final class Feeds {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema JSON_FEED_SCHEMA;

    static {
        try (InputStream in = Feeds.class.getResourceAsStream("/schema/jsonfeed-1.1.schema.json")) {
            JSON_FEED_SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Feeds() {
    }

    /** Parses an Atom or RSS document with Rome (fails the test if it does not parse). */
    @SuppressWarnings("unchecked")
    public static <T extends WireFeed> T rome(byte[] xml) {
        try {
            return (T) new WireFeedInput().build(new InputSource(new ByteArrayInputStream(xml)));
        } catch (Exception e) {
            throw new AssertionError("feed does not parse: " + e.getMessage(), e);
        }
    }

    public static <T extends WireFeed> T rome(HttpResponse<byte[]> response) {
        assertEquals(200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
        return rome(response.body());
    }

    public static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + e.getMessage(), e);
        }
    }

    /** {@code text} percent-encoded for a query value ({@code ?q=回购}). */
    public static String query(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** JSON Feed 1.1 schema violations; empty when valid. */
    public static List<String> jsonFeedErrors(byte[] bytes) {
        Set<ValidationMessage> errors = JSON_FEED_SCHEMA.validate(json(bytes));
        return errors.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    public static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError("not gzip: " + e.getMessage(), e);
        }
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
