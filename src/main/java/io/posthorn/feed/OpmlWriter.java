package io.posthorn.feed;

import io.posthorn.index.FeedKey;
import io.posthorn.index.FeedKind;
import io.posthorn.index.IndexSnapshot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes every feed of a snapshot as OPML 2.0 for import into a reader: the all feed, then one
 * folder each for categories, sources and tags (largest first). Immutable and thread-safe.
 */
public final class OpmlWriter {
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final Links links;

    public OpmlWriter(Links links) {
        this.links = links;
    }

    public byte[] write(IndexSnapshot snapshot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("opml");
            w.writeAttribute("version", "2.0");
            w.writeStartElement("head");
            element(w, "title", links.siteTitle());
            w.writeEndElement();
            w.writeStartElement("body");
            outline(w, FeedKey.ALL);
            for (FeedKind kind : FeedKind.NAMED) {
                List<String> names = Listings.byCount(snapshot.feeds(kind));
                if (names.isEmpty()) {
                    continue;
                }
                w.writeStartElement("outline");
                w.writeAttribute("text", kind.pluralLabel());
                for (String name : names) {
                    outline(w, new FeedKey(kind, name));
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write OPML: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private void outline(XMLStreamWriter w, FeedKey key) throws XMLStreamException {
        w.writeEmptyElement("outline");
        w.writeAttribute("type", "rss");
        w.writeAttribute("text", links.title(key));
        w.writeAttribute("title", links.title(key));
        w.writeAttribute("xmlUrl", links.feed(key, Format.ATOM));
        w.writeAttribute("htmlUrl", links.feed(key, Format.HTML));
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
