package io.posthorn.embed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.posthorn.article.Article;
import io.posthorn.feed.Links;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;

/**
 * Writes an {@link EmbedDocument} as the compact headlines JSON with Jackson's streaming
 * generator:
 * <pre>
 * {"title": "财经新闻 · 智通财经网", "home_page_url": "…/feeds/categories/x.html", "feed_url": "…/x.atom",
 *  "headlines": [{"id": "tag:…", "title": "…", "url": "…/articles/…",
 *                 "published": "2022-07-26T19:05:31+08:00", "source": "智通财经网", "summary": "…"}]}
 * </pre>
 * {@code summary} is present only when asked for. Values are plain text, never HTML: whoever
 * shows them inserts them as text. Immutable and thread-safe.
 */
final class HeadlinesJsonWriter {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Links links;

    HeadlinesJsonWriter(Links links) {
        this.links = links;
    }

    byte[] write(EmbedDocument doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("title", doc.title());
            g.writeStringField("language", doc.request().variant().language());
            g.writeStringField("home_page_url", doc.pageUrl());
            g.writeStringField("feed_url", doc.feedUrl());
            g.writeArrayFieldStart("headlines");
            for (Headline h : doc.headlines()) {
                headline(g, h);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One headline alone, as a live event carries it (no summary). */
    byte[] one(Article a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            headline(g, new Headline(a, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void headline(JsonGenerator g, Headline h) throws IOException {
        Article a = h.article();
        g.writeStartObject();
        g.writeStringField("id", a.id());
        g.writeStringField("title", a.title());
        g.writeStringField("url", links.alternate(a));
        g.writeStringField("published", a.published().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        g.writeStringField("source", a.sourceName().orElse(links.siteTitle()));
        if (h.summary() != null) {
            g.writeStringField("summary", h.summary());
        }
        g.writeEndObject();
    }
}
