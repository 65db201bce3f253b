package io.posthorn.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.posthorn.article.Article;
import io.posthorn.index.FeedKey;
import io.posthorn.index.FeedKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;

/**
 * Writes a {@link FeedDocument} as JSON Feed 1.1 with Jackson's streaming generator. Dates keep
 * their offset (RFC 3339); the attribution is in {@code authors} and in the {@code _source}
 * extension; {@code next_url} follows RFC 5005 paging. Immutable and thread-safe.
 */
final class JsonFeedWriter implements FeedWriter {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Links links;

    JsonFeedWriter(Links links) {
        this.links = links;
    }

    @Override
    public byte[] write(FeedDocument doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("version", "https://jsonfeed.org/version/1.1");
            g.writeStringField("title", doc.title());
            g.writeStringField("home_page_url", doc.htmlUrl());
            g.writeStringField("feed_url", doc.selfUrl());
            if (doc.paging().next() != null) {
                g.writeStringField("next_url", doc.paging().next());
            }
            g.writeStringField("language", doc.request().variant().language());
            if (!links.hubs().isEmpty()) {
                g.writeArrayFieldStart("hubs");
                for (String hub : links.hubs()) {
                    g.writeStartObject();
                    g.writeStringField("type", "WebSub");
                    g.writeStringField("url", hub);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            authors(g, links.siteTitle());
            g.writeArrayFieldStart("items");
            for (FeedEntry e : doc.entries()) {
                item(g, e);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void item(JsonGenerator g, FeedEntry fe) throws IOException {
        Article a = fe.article();
        g.writeStartObject();
        g.writeStringField("id", a.id());
        g.writeStringField("url", links.alternate(a));
        String original = fe.content().original();
        if (original != null) {
            g.writeStringField("external_url", original);
        }
        g.writeStringField("title", a.title());
        g.writeStringField("content_html", fe.content().html());
        g.writeStringField("summary", fe.content().summary());
        g.writeStringField("date_published", a.published().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        g.writeStringField("date_modified", a.updated().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        authors(g, links.author(a));
        g.writeArrayFieldStart("tags");
        for (String c : a.categories()) {
            g.writeString(c);
        }
        for (String t : a.tags()) {
            g.writeString(t);
        }
        g.writeEndArray();
        if (a.source() != null) {
            g.writeObjectFieldStart("_source");
            g.writeStringField("name", a.source());
            g.writeStringField("feed_url", links.feed(new FeedKey(FeedKind.SOURCE, a.source()), Format.JSON));
            if (original != null) {
                g.writeStringField("original_url", original);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void authors(JsonGenerator g, String name) throws IOException {
        g.writeArrayFieldStart("authors");
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeEndObject();
        g.writeEndArray();
    }
}
