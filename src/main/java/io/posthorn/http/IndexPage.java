package io.posthorn.http;

import io.posthorn.article.Article;
import io.posthorn.embed.Snippets;
import io.posthorn.feed.FeedRequest;
import io.posthorn.feed.Format;
import io.posthorn.feed.Html;
import io.posthorn.feed.Links;
import io.posthorn.feed.Listings;
import io.posthorn.index.FeedKey;
import io.posthorn.index.FeedKind;
import io.posthorn.index.IndexSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The {@code /} page: the all feed, every category and every source with its count, newest
 * headline, feed links, autodiscovery links and copy-paste embed snippets (script, iframe, JSON
 * URL); tags and stocks, which run to thousands, only their {@value #TOP} largest as compact lines
 * (name, count, Atom), one example of snippets each (the pattern is the same) and a link to
 * {@link TopicsPage}, which lists them all,
 * so the page stays small at any size. Rendered once per snapshot.
 * Thread-safe.
 */
final class IndexPage {
    /** Tags and stocks listed on the page: the largest ones. */
    static final int TOP = 50;

    private final Links links;
    private final Snippets snippets;

    IndexPage(Links links, Snippets snippets) {
        this.links = links;
        this.snippets = snippets;
    }

    byte[] render(IndexSnapshot snapshot) {
        StringBuilder head = new StringBuilder();
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(Html.escape(links.siteTitle())).append("</h1>");
        body.append("<p class=\"meta\">").append(snapshot.size()).append(" 篇文章 articles</p><ul>");
        item(body, head, FeedKey.ALL, snapshot.all(), "全部文章 All articles");
        body.append("</ul><p class=\"meta\">嵌入 Embed：把标题放到其他网站上，复制一行即可。"
                + "Show headlines on another site with one line: a script tag, an iframe or the JSON (CORS), "
                + "under 嵌入 Embed at each feed below.</p>");
        for (FeedKind kind : FeedKind.NAMED) {
            Map<String, List<Article>> feeds = snapshot.feeds(kind);
            if (feeds.isEmpty()) {
                continue;
            }
            boolean top = TopicsPage.KINDS.contains(kind);
            List<String> names = Listings.byCount(feeds);
            body.append("<h2>").append(kind.pluralLabel()).append("</h2>");
            if (top) {
                FeedKey example = new FeedKey(kind, names.get(0));
                body.append("<p class=\"meta\">嵌入 Embed: the same three ways with <code>/")
                        .append(example.pathUnder("embed"), 0, example.pathUnder("embed").lastIndexOf('/') + 1)
                        .append("</code> and the name percent-encoded, e.g. ").append(Html.escape(links.title(example)))
                        .append(":</p>");
                embed(body, example, false);
                if (names.size() > TOP) {
                    body.append("<p class=\"meta\">最多文章的 ").append(TOP).append(" 个 The ").append(TOP)
                            .append(" largest of ").append(names.size()).append(" · <a href=\"")
                            .append(Html.escape(links.home() + TopicsPage.PATH)).append("\">全部标签与个股 All tags and stocks</a></p>");
                    names = names.subList(0, TOP);
                }
            }
            body.append(top ? "<ul class=\"compact\">" : "<ul>");
            for (String name : names) {
                FeedKey key = new FeedKey(kind, name);
                if (top) {
                    TopicsPage.line(body, links, key, kind == FeedKind.STOCK ? TopicsPage.label(snapshot, name) : name,
                            feeds.get(name).size());
                } else {
                    item(body, head, key, feeds.get(name), links.title(key));
                }
            }
            body.append("</ul>");
        }
        return Html.page(links.siteTitle(), head.toString(), body.toString())
                .getBytes(StandardCharsets.UTF_8);
    }

    private void item(StringBuilder body, StringBuilder head, FeedKey key, List<Article> articles, String label) {
        FeedRequest request = new FeedRequest(key, Format.ATOM);
        if (head != null) {
            head.append(Html.discovery(links, request, links.title(key)));
        }
        body.append("<li><a href=\"").append(Html.escape(links.feed(request.withFormat(Format.HTML)))).append("\">")
                .append(Html.escape(label)).append("</a> ")
                .append("<span class=\"count\">(").append(articles.size()).append(")</span>");
        if (!articles.isEmpty()) {
            Article newest = articles.get(0);
            body.append("<br><span class=\"meta\">最新 Newest: <a href=\"")
                    .append(Html.escape(links.article(newest))).append("\">")
                    .append(Html.escape(newest.title())).append("</a></span>");
        }
        body.append("<br>").append(Html.formatLinks(links, request));
        embed(body, key, key.kind() == FeedKind.ALL);
        body.append("</li>");
    }

    /** The three snippets, escaped for display, under a disclosure (open for the all feed). */
    private void embed(StringBuilder body, FeedKey key, boolean open) {
        body.append(open ? "<details class=\"embed\" open>" : "<details class=\"embed\">")
                .append("<summary>嵌入 Embed</summary>");
        snippet(body, "脚本 Script", snippets.script(key));
        snippet(body, "框架 iframe", snippets.iframe(key));
        snippet(body, "JSON (CORS)", snippets.json(key));
        body.append("</details>");
    }

    private static void snippet(StringBuilder body, String label, String code) {
        body.append("<span class=\"meta\">").append(label).append("</span><pre class=\"snippet\">")
                .append(Html.escape(code)).append("</pre>");
    }
}
