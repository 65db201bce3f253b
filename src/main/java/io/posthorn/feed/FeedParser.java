package io.posthorn.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import io.posthorn.article.JekyllDates;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an upstream document: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 with Rome, JSON Feed 1.x with
 * Jackson. The text must already be decoded (see the upstream package for charsets) and free
 * of XML-illegal characters.
 *
 * <p>Safety: a DOCTYPE is tolerated but no DTD or external entity is ever loaded (Rome's parser
 * is set up without external entities or DTD loading, and resolves any to nothing); a document
 * that declares entities of its own is refused before parsing, so entity expansion (billion
 * laughs, quadratic blow-up) cannot happen at all.
 *
 * <p>Dates: Rome reads RFC 822 and RFC 3339; the forms Chinese sites use
 * ({@code 2022-05-26 12:19:14}, with or without {@code +0800}) are rewritten to RFC 3339 first,
 * in the site's zone when they carry no offset.
 *
 * <p>Thread-safe: stateless apart from a shared, thread-safe {@link ObjectMapper}.
 */
public final class FeedParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENTITY_DECLARATION = Pattern.compile("<!ENTITY", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE_ELEMENT = Pattern.compile(
            "(<((?:[A-Za-z][\\w.-]*:)?(?:pubDate|date|published|updated|issued|modified|created|lastBuildDate))"
            + "(?:\\s[^>]*)?>)\\s*([^<]{1,80}?)\\s*(</\\2\\s*>)");

    private final ZoneId zone;

    /** @param zone the zone of dates that carry no offset */
    public FeedParser(ZoneId zone) {
        this.zone = zone;
    }

    /** A document that is not a feed, or one refused for safety, with the reason in words. */
    public static final class NotAFeed extends Exception {
        private static final long serialVersionUID = 1L;

        public NotAFeed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads {@code text}, fetched from {@code url}.
     *
     * @param contentType the HTTP media type (without parameters), or null
     */
    public ParsedFeed parse(String text, URI url, String contentType) throws NotAFeed {
        String start = text.stripLeading();
        if (start.isEmpty()) {
            throw new NotAFeed("empty document");
        }
        boolean json = start.startsWith("{") || (contentType != null && contentType.contains("json"));
        return json ? parseJson(text, url) : parseXml(text, url);
    }

    private ParsedFeed parseXml(String text, URI url) throws NotAFeed {
        if (!text.stripLeading().startsWith("<")) {
            throw new NotAFeed("not XML or JSON");
        }
        int doctype = indexOfIgnoreCase(text, "<!DOCTYPE");
        if (doctype >= 0 && ENTITY_DECLARATION.matcher(text).find(doctype)) {
            throw new NotAFeed("the document declares entities of its own (refused: entity expansion)");
        }
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(true); // old RSS 0.91 feeds carry one; nothing it names is loaded
        input.setPreserveWireFeed(true);
        SyndFeed feed;
        try {
            feed = input.build(new StringReader(normaliseDates(text)));
        } catch (FeedException | IllegalArgumentException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (message.contains("Invalid document") || message.contains("root element")
                    || message.contains("Invalid XML")) {
                throw new NotAFeed("not an RSS or Atom feed: " + oneLine(message));
            }
            throw new NotAFeed("cannot parse the feed: " + oneLine(message));
        } catch (RuntimeException e) {
            throw new NotAFeed("cannot parse the feed: " + oneLine(String.valueOf(e)));
        }
        URI base = resolve(url, feed.getLink());
        int ttl = 0;
        WireFeed wire = feed.originalWireFeed();
        if (wire instanceof Channel channel && channel.getTtl() > 0) {
            ttl = channel.getTtl();
        }
        List<ParsedFeed.Entry> entries = new ArrayList<>();
        for (SyndEntry e : feed.getEntries()) {
            entries.add(entry(e, base != null ? base : url));
        }
        return new ParsedFeed(feed.getTitle(), base == null ? null : base.toString(), ttl, entries);
    }

    private ParsedFeed.Entry entry(SyndEntry e, URI base) {
        String link = e.getLink();
        if (link == null) {
            for (SyndLink l : e.getLinks()) {
                if (l.getRel() == null || "alternate".equals(l.getRel())) {
                    link = l.getHref();
                    break;
                }
            }
        }
        URI resolved = resolve(base, link);
        String content = null;
        for (SyndContent c : e.getContents()) {
            if (c.getValue() != null && !c.getValue().isBlank()) {
                content = html(c);
                break;
            }
        }
        String description = e.getDescription() == null || e.getDescription().getValue() == null
                || e.getDescription().getValue().isBlank() ? null : html(e.getDescription());
        String html = content != null ? content : description;
        String summary = content != null ? description : null;
        Set<String> authors = new LinkedHashSet<>();
        for (SyndPerson p : e.getAuthors()) {
            if (p.getName() != null && !p.getName().isBlank()) {
                authors.add(p.getName().strip());
            }
        }
        if (authors.isEmpty() && e.getAuthor() != null && !e.getAuthor().isBlank()) {
            authors.add(e.getAuthor().strip());
        }
        Set<String> categories = new LinkedHashSet<>();
        for (SyndCategory c : e.getCategories()) {
            if (c.getName() != null && !c.getName().isBlank()) {
                categories.add(c.getName().strip());
            }
        }
        String id = e.getUri();
        if (id != null && id.equals(link) && e.getLink() != null && isRss(e)) {
            id = rssGuid(e);
        }
        return new ParsedFeed.Entry(blankToNull(id), resolved == null ? null : resolved.toString(), e.getTitle(),
                html, summary, time(e.getPublishedDate()), time(e.getUpdatedDate()), new ArrayList<>(authors),
                new ArrayList<>(categories));
    }

    /** Rome gives an RSS item without a guid its link as uri: tell the two apart. */
    private static boolean isRss(SyndEntry e) {
        return e.getWireEntry() instanceof com.rometools.rome.feed.rss.Item;
    }

    private static String rssGuid(SyndEntry e) {
        com.rometools.rome.feed.rss.Item item = (com.rometools.rome.feed.rss.Item) e.getWireEntry();
        return item.getGuid() == null ? null : item.getGuid().getValue();
    }

    /** Plain text content becomes escaped HTML, so that the body is always HTML. */
    private static String html(SyndContent c) {
        String type = c.getType() == null ? "" : c.getType().toLowerCase(Locale.ROOT);
        if (type.equals("text") || type.equals("text/plain")) {
            return escape(c.getValue());
        }
        return c.getValue();
    }

    private ParsedFeed parseJson(String text, URI url) throws NotAFeed {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new NotAFeed("not valid JSON: " + oneLine(e.getMessage()));
        }
        if (root == null || !root.isObject() || !root.path("version").asText("").startsWith("https://jsonfeed.org/version/1")) {
            throw new NotAFeed("not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/1…\")");
        }
        URI home = resolve(url, textOf(root, "home_page_url"));
        List<ParsedFeed.Entry> entries = new ArrayList<>();
        for (JsonNode item : root.path("items")) {
            if (!item.isObject()) {
                continue;
            }
            URI link = resolve(url, textOf(item, "url"));
            if (link == null) {
                link = resolve(url, textOf(item, "external_url"));
            }
            String html = textOf(item, "content_html");
            if (html == null && textOf(item, "content_text") != null) {
                html = escape(textOf(item, "content_text"));
            }
            String summary = textOf(item, "summary");
            if (html == null && summary != null) {
                html = escape(summary);
                summary = null;
            }
            Set<String> authors = new LinkedHashSet<>();
            for (JsonNode a : item.path("authors")) {
                String name = textOf(a, "name");
                if (name != null) {
                    authors.add(name);
                }
            }
            String single = textOf(item.path("author"), "name"); // JSON Feed 1.0
            if (authors.isEmpty() && single != null) {
                authors.add(single);
            }
            Set<String> tags = new LinkedHashSet<>();
            for (JsonNode t : item.path("tags")) {
                if (t.isTextual() && !t.asText().isBlank()) {
                    tags.add(t.asText().strip());
                }
            }
            JsonNode idNode = item.get("id");
            String id = idNode == null || idNode.isNull() || idNode.isContainerNode() ? null : idNode.asText();
            entries.add(new ParsedFeed.Entry(blankToNull(id), link == null ? null : link.toString(),
                    textOf(item, "title"), html, summary, jsonDate(textOf(item, "date_published")),
                    jsonDate(textOf(item, "date_modified")), new ArrayList<>(authors), new ArrayList<>(tags)));
        }
        return new ParsedFeed(textOf(root, "title"), home == null ? null : home.toString(), 0, entries);
    }

    private OffsetDateTime jsonDate(String text) {
        return text == null ? null : JekyllDates.parse(text, zone).orElse(null);
    }

    private static String textOf(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isValueNode() || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    /** Rewrites dates Rome cannot read (the Chinese-site forms) as RFC 3339. */
    String normaliseDates(String text) {
        Matcher m = DATE_ELEMENT.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String raw = m.group(3);
            if (raw.indexOf(',') >= 0 || !Character.isDigit(raw.charAt(0))) {
                continue; // RFC 822 ("Thu, 26 May 2022 …"): Rome reads it
            }
            var parsed = JekyllDates.parse(raw, zone);
            if (parsed.isEmpty()) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 64);
            }
            out.append(text, last, m.start()).append(m.group(1))
                    .append(parsed.get().format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .append(m.group(4));
            last = m.end();
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private OffsetDateTime time(Date date) {
        return date == null ? null : OffsetDateTime.ofInstant(date.toInstant(), zone);
    }

    /** {@code link} resolved against {@code base}, or null when it is not an http(s) URL. */
    static URI resolve(URI base, String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            URI uri = base == null ? new URI(link.strip()) : base.resolve(new URI(link.strip()));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String escape(String text) {
        return "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\n\n", "</p><p>") + "</p>";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String oneLine(String s) {
        String line = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static int indexOfIgnoreCase(String text, String what) {
        int limit = Math.min(text.length(), 64 * 1024); // a DOCTYPE comes before the root element
        return text.substring(0, limit).toUpperCase(Locale.ROOT).indexOf(what);
    }
}
