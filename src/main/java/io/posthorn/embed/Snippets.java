package io.posthorn.embed;

import io.posthorn.feed.Html;
import io.posthorn.feed.Links;
import io.posthorn.index.FeedKey;

/**
 * The copy-paste HTML that puts a feed's headlines on another site, one line for each way: the
 * script tag, the iframe tag, and the JSON URL for sites that render it themselves. URLs come
 * from {@code base_url} like every public link. Immutable and thread-safe.
 */
public final class Snippets {
    /** Headlines the snippets ask for: a sidebar's worth. */
    public static final int LIMIT = 5;

    private final Links links;

    public Snippets(Links links) {
        this.links = links;
    }

    /** The absolute URL of a feed's embed in one format, without query. */
    public String url(FeedKey key, EmbedFormat format) {
        return links.home() + key.pathUnder("embed") + "." + format.extension();
    }

    /** e.g. {@code <script async src="…/embed/categories/x.js" data-limit="5"></script>} */
    public String script(FeedKey key) {
        return "<script async src=\"" + Html.escape(url(key, EmbedFormat.SCRIPT)) + "\" data-limit=\"" + LIMIT
                + "\"></script>";
    }

    /**
     * An iframe of the feed's page. The sandbox lets the page do nothing but open its links in a
     * new tab, which is all it needs; the title names the frame for screen readers.
     */
    public String iframe(FeedKey key) {
        return "<iframe src=\"" + Html.escape(url(key, EmbedFormat.HTML)) + "?limit=" + LIMIT + "\" title=\""
                + Html.escape(links.title(key)) + "\" width=\"100%\" height=\"320\" style=\"border:0\" "
                + "loading=\"lazy\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\"></iframe>";
    }

    /** The headlines JSON URL, readable from any origin. */
    public String json(FeedKey key) {
        return url(key, EmbedFormat.JSON) + "?limit=" + LIMIT;
    }
}
