package io.posthorn.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCSubject;
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
import io.posthorn.clean.HttpUrl;
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
        if (XmlProlog.declaresEntities(text)) {
            throw new NotAFeed("the document declares entities of its own (refused: entity expansion)");
        }
        SyndFeedInput input = new SyndFeedInput();
        com.rometools.rome.io.impl.Atom10Parser.setResolveURIs(true); // xml:base (a static switch of Rome's)
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
        URI base = resolve(url, alternate(feed));
        int ttl = 0;
        WireFeed wire = feed.originalWireFeed();
        if (wire instanceof Channel channel && channel.getTtl() > 0) {
            ttl = channel.getTtl();
        }
        List<String> feedAuthors = names(feed.getAuthors());
        if (feedAuthors.isEmpty() && feed.getAuthor() != null && !feed.getAuthor().isBlank()) {
            feedAuthors = List.of(feed.getAuthor().strip());
        }
        List<ParsedFeed.Entry> entries = new ArrayList<>();
        for (SyndEntry e : feed.getEntries()) {
            entries.add(entry(e, base != null ? base : url, feedAuthors, "rss_1.0".equals(feed.getFeedType())));
        }
        return new ParsedFeed(feed.getTitle(), base == null ? null : base.toString(), ttl, entries);
    }

    /** The feed's web page: its alternate link (Rome 2 makes the self link the feed's link when there is one). */
    private static String alternate(SyndFeed feed) {
        for (SyndLink l : feed.getLinks()) {
            if ((l.getRel() == null || "alternate".equals(l.getRel())) && l.getHref() != null) {
                return l.getHref();
            }
        }
        WireFeed wire = feed.originalWireFeed();
        if (wire instanceof Channel channel) {
            return channel.getLink();
        }
        return null;
    }

    private static List<String> names(List<SyndPerson> people) {
        Set<String> names = new LinkedHashSet<>();
        for (SyndPerson p : people) {
            if (p.getName() != null && !p.getName().isBlank()) {
                names.add(p.getName().strip());
            }
        }
        return new ArrayList<>(names);
    }

    /** @param rdf whether the document is RSS 1.0, whose items are named by {@code rdf:about} */
    private ParsedFeed.Entry entry(SyndEntry e, URI base, List<String> feedAuthors, boolean rdf) {
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
        boolean rss = e.getWireEntry() instanceof com.rometools.rome.feed.rss.Item;
        String content = null;
        for (SyndContent c : e.getContents()) {
            if (c.getValue() != null && !c.getValue().isBlank()) {
                content = html(c, rss);
                break;
            }
        }
        String description = e.getDescription() == null || e.getDescription().getValue() == null
                || e.getDescription().getValue().isBlank() ? null : html(e.getDescription(), rss);
        String html = content != null ? content : description;
        String summary = content != null ? description : null;
        List<String> authors = names(e.getAuthors());
        if (authors.isEmpty() && e.getAuthor() != null && !e.getAuthor().isBlank()) {
            authors = List.of(e.getAuthor().strip());
        }
        if (authors.isEmpty()) {
            authors = feedAuthors;
        }
        Set<String> categories = new LinkedHashSet<>();
        for (SyndCategory c : e.getCategories()) {
            if (c.getName() != null && !c.getName().isBlank()) {
                categories.add(c.getName().strip());
            }
        }
        if (e.getModule(DCModule.URI) instanceof DCModule dc) {
            for (DCSubject subject : dc.getSubjects()) { // RSS 1.0's dc:subject, which Rome 2 keeps apart
                if (subject.getValue() != null && !subject.getValue().isBlank()) {
                    categories.add(subject.getValue().strip());
                }
            }
        }
        // Rome fills an entry's uri with its link when it has no guid or id: only the wire entry knows
        String id = e.getUri();
        OffsetDateTime published = time(e.getPublishedDate());
        OffsetDateTime updated = time(e.getUpdatedDate());
        if (e.getWireEntry() instanceof com.rometools.rome.feed.rss.Item item) {
            // no guid: RSS 1.0's rdf:about (Rome keeps it as the item's uri; elsewhere the uri is the link)
            id = item.getGuid() != null ? item.getGuid().getValue() : rdf ? item.getUri() : null;
        } else if (e.getWireEntry() instanceof com.rometools.rome.feed.atom.Entry atom) {
            id = atom.getId();
            // Atom 0.3: issued is the publication, modified the update (Rome makes modified the published date)
            if (atom.getIssued() != null || atom.getModified() != null) {
                published = time(atom.getPublished() != null ? atom.getPublished()
                        : atom.getIssued() != null ? atom.getIssued() : atom.getCreated());
                updated = time(atom.getUpdated() != null ? atom.getUpdated() : atom.getModified());
            }
        }
        return new ParsedFeed.Entry(blankToNull(id), resolved == null ? null : resolved.toString(), e.getTitle(),
                html, summary, published, updated, authors, new ArrayList<>(categories));
    }

    /**
     * An entry's text as HTML. An Atom text construct of type {@code text} is escaped; RSS
     * descriptions are HTML whatever Rome calls them (RSS 0.91 and 1.0 are typed as plain text,
     * but feeds put entity-escaped HTML in them, and readers render it as HTML).
     */
    private static String html(SyndContent c, boolean rss) {
        String type = c.getType() == null ? "" : c.getType().toLowerCase(Locale.ROOT);
        if (!rss && (type.equals("text") || type.equals("text/plain"))) {
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
        List<String> feedAuthors = new ArrayList<>();
        for (JsonNode a : root.path("authors")) {
            if (textOf(a, "name") != null) {
                feedAuthors.add(textOf(a, "name"));
            }
        }
        if (feedAuthors.isEmpty() && textOf(root.path("author"), "name") != null) {
            feedAuthors.add(textOf(root.path("author"), "name"));
        }
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
            String summary = textOf(item, "summary") == null ? null : escape(textOf(item, "summary")); // plain text
            if (html == null && summary != null) {
                html = summary;
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
            if (authors.isEmpty()) {
                authors.addAll(feedAuthors);
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
            return HttpUrl.isHttp(uri) ? uri : null;
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
}
