package io.posthorn.feed;

import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.rss.Source;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import io.posthorn.article.Article;
import io.posthorn.index.FeedKey;
import io.posthorn.index.FeedKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Writes a {@link FeedDocument} as RSS 2.0 with Rome: {@code guid isPermaLink="false"} carrying
 * the entry id, {@code dc:creator} and {@code source} carrying the attribution, the summary as
 * {@code description} and the content as {@code content:encoded}, and {@code atom:link}s for
 * self and RFC 5005 paging. Immutable and thread-safe.
 */
final class RssWriter implements FeedWriter {
    private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

    private final Links links;

    RssWriter(Links links) {
        this.links = links;
    }

    @Override
    public byte[] write(FeedDocument doc) {
        Channel channel = new Channel("rss_2.0");
        channel.setEncoding("utf-8");
        channel.setTitle(doc.title());
        channel.setLink(doc.htmlUrl());
        channel.setDescription(doc.title());
        channel.setLanguage(doc.request().variant().language().toLowerCase(java.util.Locale.ROOT));
        channel.setGenerator("Posthorn");
        channel.setPubDate(Date.from(doc.updated()));
        channel.setLastBuildDate(Date.from(doc.updated()));
        List<Element> atomLinks = new ArrayList<>();
        atomLinks.add(atomLink("self", doc.selfUrl()));
        for (String hub : links.hubs()) {
            atomLinks.add(new Element("link", ATOM).setAttribute("rel", "hub").setAttribute("href", hub));
        }
        doc.paging().links().forEach((rel, href) -> atomLinks.add(atomLink(rel, href)));
        channel.setForeignMarkup(atomLinks);
        List<Item> items = new ArrayList<>(doc.entries().size());
        for (FeedEntry e : doc.entries()) {
            items.add(item(e));
        }
        channel.setItems(items);
        try {
            return new WireFeedOutput().outputString(channel, false).getBytes(StandardCharsets.UTF_8);
        } catch (FeedException e) {
            throw new IllegalStateException("cannot write RSS feed " + doc.selfUrl() + ": " + e.getMessage(), e);
        }
    }

    private Item item(FeedEntry fe) {
        Article a = fe.article();
        Item item = new Item();
        item.setTitle(a.title());
        item.setLink(links.alternate(a));
        Guid guid = new Guid();
        guid.setPermaLink(false);
        guid.setValue(a.id());
        item.setGuid(guid);
        item.setPubDate(Date.from(a.published().toInstant()));
        // RSS readers render a description as HTML: the plain-text summary goes in escaped, so
        // that text in angle brackets (<盘前>) is shown, not eaten as a tag
        Description description = new Description();
        description.setType("text/html");
        description.setValue(Html.escape(fe.content().summary()));
        item.setDescription(description);
        Content content = new Content();
        content.setType(Content.HTML);
        content.setValue(fe.content().html());
        item.setContent(content);
        DCModuleImpl dc = new DCModuleImpl();
        dc.setCreator(links.author(a));
        item.setModules(new ArrayList<Module>(List.of(dc)));
        a.sourceName().ifPresent(name -> {
            Source source = new Source();
            source.setUrl(links.feed(new FeedKey(FeedKind.SOURCE, name), Format.RSS));
            source.setValue(name);
            item.setSource(source);
        });
        List<Category> categories = new ArrayList<>();
        for (String c : a.categories()) {
            categories.add(category(c));
        }
        for (String t : a.tags()) {
            categories.add(category(t));
        }
        item.setCategories(categories);
        return item;
    }

    private static Category category(String name) {
        Category c = new Category();
        c.setValue(name);
        return c;
    }

    private static Element atomLink(String rel, String href) {
        return new Element("link", ATOM).setAttribute("rel", rel).setAttribute("href", href)
                .setAttribute("type", Format.RSS.mediaType());
    }
}
