package io.posthorn.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import io.posthorn.article.Article;
import io.posthorn.index.FeedKey;
import io.posthorn.index.FeedKind;
import java.nio.charset.StandardCharsets;
import org.jdom2.Document;
import org.jdom2.Namespace;
import org.jdom2.output.XMLOutputter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Writes a {@link FeedDocument} as Atom 1.0 (RFC 4287) with Rome. Deterministic: the same
 * document gives the same bytes. Immutable and thread-safe.
 */
final class AtomWriter implements FeedWriter {
    private final Links links;

    AtomWriter(Links links) {
        this.links = links;
    }

    @Override
    public byte[] write(FeedDocument doc) {
        Feed feed = new Feed("atom_1.0");
        feed.setEncoding("utf-8");
        feed.setId(doc.id());
        feed.setTitle(doc.title());
        feed.setUpdated(Date.from(doc.updated()));
        feed.setAlternateLinks(List.of(link("alternate", "text/html", doc.htmlUrl())));
        List<Link> others = new ArrayList<>();
        others.add(link("self", Format.ATOM.mediaType(), doc.selfUrl()));
        for (String hub : links.hubs()) {
            others.add(link("hub", null, hub));
        }
        doc.paging().links().forEach((rel, href) -> others.add(link(rel, Format.ATOM.mediaType(), href)));
        feed.setOtherLinks(others);
        feed.setAuthors(List.of(person(links.siteTitle())));
        Generator generator = new Generator();
        generator.setValue("Posthorn");
        feed.setGenerator(generator);
        List<Entry> entries = new ArrayList<>(doc.entries().size());
        for (FeedEntry e : doc.entries()) {
            entries.add(entry(e));
        }
        feed.setEntries(entries);
        try {
            // as WireFeedOutput.outputString writes it, with the xml:lang Rome's Atom model has no field for
            Document xml = new WireFeedOutput().outputJDom(feed);
            xml.getRootElement().setAttribute("lang", doc.request().variant().language(), Namespace.XML_NAMESPACE);
            return new XMLOutputter(org.jdom2.output.Format.getCompactFormat().setEncoding("utf-8")).outputString(xml)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (FeedException e) {
            throw new IllegalStateException("cannot write Atom feed " + doc.selfUrl() + ": " + e.getMessage(), e);
        }
    }

    private Entry entry(FeedEntry fe) {
        Article a = fe.article();
        Entry entry = new Entry();
        entry.setId(a.id());
        entry.setTitle(a.title());
        entry.setPublished(Date.from(a.published().toInstant()));
        entry.setUpdated(Date.from(a.updatedInstant()));
        String alternate = links.alternate(a);
        entry.setAlternateLinks(List.of(link("alternate", "text/html", alternate)));
        List<Link> others = new ArrayList<>();
        if (!alternate.equals(links.article(a))) {
            others.add(link("related", "text/html", links.article(a))); // Posthorn's page stays reachable
        }
        fe.content().originalUrl().ifPresent(url -> others.add(link("via", "text/html", url)));
        entry.setOtherLinks(others);
        String author = links.author(a);
        entry.setAuthors(List.of(person(author)));
        List<Category> categories = new ArrayList<>();
        for (String c : a.categories()) {
            categories.add(category(c));
        }
        for (String t : a.tags()) {
            categories.add(category(t));
        }
        entry.setCategories(categories);
        Content summary = new Content();
        summary.setType(Content.TEXT);
        summary.setValue(fe.content().summary());
        entry.setSummary(summary);
        Content content = new Content();
        content.setType(Content.HTML);
        content.setValue(fe.content().html());
        entry.setContents(List.of(content));
        a.sourceName().ifPresent(name -> entry.setSource(source(name, a)));
        return entry;
    }

    /**
     * The entry's {@code atom:source}: the per-source feed it also appears in. Its {@code updated}
     * (required there) is the entry's own: the source feed as of this entry, which keeps every
     * entry's bytes independent of other articles (RFC 4287 4.2.11 asks for the source feed's
     * metadata as it was when the entry was taken from it).
     */
    private Feed source(String name, Article a) {
        FeedKey key = new FeedKey(FeedKind.SOURCE, name);
        Feed source = new Feed("atom_1.0");
        source.setUpdated(Date.from(a.updatedInstant()));
        source.setId(links.feedId(key));
        source.setTitle(name);
        source.setOtherLinks(List.of(link("self", Format.ATOM.mediaType(), links.feed(key, Format.ATOM))));
        source.setAuthors(List.of(person(name)));
        return source;
    }

    private static Category category(String term) {
        Category c = new Category();
        c.setTerm(term);
        return c;
    }

    private static SyndPerson person(String name) {
        Person p = new Person();
        p.setName(name);
        return p;
    }

    private static Link link(String rel, String type, String href) {
        Link link = new Link();
        link.setRel(rel);
        link.setType(type);
        link.setHref(href);
        return link;
    }
}
