package io.posthorn.http;

import io.posthorn.article.Article;
import io.posthorn.clean.Fold;
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
 * {@code /topics}: every tag and every stock with its count and feed links, the long lists the
 * index page only starts. {@code ?q=} keeps the names (or, for stocks, codes) that contain it,
 * Traditional or Simplified, any case ({@link Fold}), through a plain form: no script. One
 * compact line per feed. Thread-safe.
 */
final class TopicsPage {
    static final String PATH = "topics";
    /** Kinds listed here in full; the index page shows their largest {@link IndexPage#TOP} only. */
    static final List<FeedKind> KINDS = List.of(FeedKind.TAG, FeedKind.STOCK);

    private final Links links;

    TopicsPage(Links links) {
        this.links = links;
    }

    /** @param query what the names must contain, or null for every one */
    byte[] render(IndexSnapshot snapshot, String query) {
        String folded = query == null || query.isBlank() ? null : Fold.of(query.strip());
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"meta\"><a href=\"").append(Html.escape(links.home())).append("\">")
                .append(Html.escape(links.siteTitle())).append("</a></p><h1>标签与个股 Tags and stocks</h1>")
                .append("<form method=\"get\" action=\"").append(Html.escape(links.home() + PATH)).append("\">")
                .append("<input type=\"search\" name=\"q\" aria-label=\"搜索 Search\" placeholder=\"搜索 Search\" value=\"")
                .append(folded == null ? "" : Html.escape(query.strip())).append("\"> <button>搜索 Search</button></form>");
        for (FeedKind kind : KINDS) {
            Map<String, List<Article>> feeds = snapshot.feeds(kind);
            StringBuilder list = new StringBuilder();
            int shown = 0;
            for (String name : Listings.byCount(feeds)) {
                FeedKey key = new FeedKey(kind, name);
                String title = kind == FeedKind.STOCK ? label(snapshot, name) : name;
                if (folded != null && !Fold.contains(title, folded)) {
                    continue;
                }
                line(list, links, key, title, feeds.get(name).size());
                shown++;
            }
            body.append("<h2>").append(kind.pluralLabel()).append(" <span class=\"count\">(").append(shown)
                    .append(folded == null ? "" : " / " + feeds.size()).append(")</span></h2><ul class=\"compact\">")
                    .append(list).append("</ul>");
        }
        return Html.page(links.siteTitle() + " · 标签与个股 Tags and stocks", "", body.toString())
                .getBytes(StandardCharsets.UTF_8);
    }

    /** One compact line of a list of feeds: the name (to the preview), the count, the Atom link. */
    static void line(StringBuilder out, Links links, FeedKey key, String title, int count) {
        FeedRequest request = new FeedRequest(key, Format.ATOM);
        out.append("<li><a href=\"").append(Html.escape(links.feed(request.withFormat(Format.HTML)))).append("\">")
                .append(Html.escape(title)).append("</a> <span class=\"count\">(").append(count)
                .append(")</span> <a href=\"").append(Html.escape(links.feed(request))).append("\">Atom</a></li>");
    }

    /** A stock as listed: {@code 微软 (MSFT.US)}, or the code alone when no name was found. */
    static String label(IndexSnapshot snapshot, String code) {
        String name = snapshot.stockName(code);
        return name == null || name.isEmpty() ? code : name + " (" + code + ")";
    }
}
