package io.posthorn.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.posthorn.feed.Format;
import io.posthorn.feed.Html;
import io.posthorn.feed.Links;
import io.posthorn.index.FeedKey;
import io.posthorn.index.FeedKind;
import io.posthorn.upstream.UpstreamStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * {@code /upstreams} (HTML) and {@code /upstreams.json}: every upstream's URL, name, last poll and
 * its status, what it brought, total entries, next poll and last error in words. Rendered per
 * request (it changes with every poll and is small). Thread-safe: stateless.
 */
final class UpstreamPage {
    private static final JsonFactory JSON = new JsonFactory();

    private final Links links;

    UpstreamPage(Links links) {
        this.links = links;
    }

    byte[] html(List<UpstreamStatus> all) {
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"meta\"><a href=\"").append(Html.escape(links.home())).append("\">")
                .append(Html.escape(links.siteTitle())).append("</a></p><h1>上游 Upstreams</h1>");
        if (all.isEmpty()) {
            b.append("<p>No upstream feeds are configured (a source with <code>url:</code> in feeds.yml).</p>");
        }
        b.append("<table><tr><th>name</th><th>URL</th><th>last poll</th><th>status</th><th>new / updated / unchanged</th>"
                + "<th>entries</th><th>next poll</th><th>last error</th></tr>");
        for (UpstreamStatus s : all) {
            b.append("<tr><td><a href=\"")
                    .append(Html.escape(links.feed(new FeedKey(FeedKind.SOURCE, s.name()), Format.HTML))).append("\">")
                    .append(Html.escape(s.name())).append("</a></td><td>").append(Html.escape(s.url()));
            if (s.movedUrl() != null) {
                b.append("<br>moved to ").append(Html.escape(s.movedUrl()));
            }
            b.append("</td><td>").append(time(s.lastPoll())).append("</td><td>")
                    .append(s.gone() ? "410 (stopped)" : s.lastStatus() == 0 ? "–" : String.valueOf(s.lastStatus()))
                    .append("</td><td>").append(s.lastNew()).append(" / ").append(s.lastUpdated()).append(" / ")
                    .append(s.lastUnchanged()).append("</td><td>").append(s.total()).append("</td><td>")
                    .append(time(s.nextPoll())).append("</td><td>")
                    .append(s.lastError() == null ? "" : Html.escape(s.lastError())).append("</td></tr>");
        }
        b.append("</table>");
        return Html.page("上游 Upstreams", "", b.toString()).getBytes(StandardCharsets.UTF_8);
    }

    byte[] json(List<UpstreamStatus> all) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("upstreams");
            for (UpstreamStatus s : all) {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                g.writeStringField("url", s.url());
                g.writeStringField("moved_url", s.movedUrl());
                g.writeStringField("feed", links.feed(new FeedKey(FeedKind.SOURCE, s.name()), Format.ATOM));
                g.writeStringField("last_poll", s.lastPoll() == null ? null : s.lastPoll().toString());
                g.writeNumberField("last_status", s.lastStatus());
                g.writeNumberField("last_new", s.lastNew());
                g.writeNumberField("last_updated", s.lastUpdated());
                g.writeNumberField("last_unchanged", s.lastUnchanged());
                g.writeNumberField("entries", s.total());
                g.writeStringField("next_poll", s.nextPoll() == null ? null : s.nextPoll().toString());
                g.writeStringField("last_error", s.lastError());
                g.writeBooleanField("gone", s.gone());
                g.writeNumberField("failures", s.failures());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String time(Instant t) {
        return t == null ? "–" : Html.escape(t.toString());
    }
}
