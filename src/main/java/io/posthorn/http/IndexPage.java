package io.posthorn.http;

import io.posthorn.article.Article;
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
 * The {@code /} page: every feed with its count, newest headline and feed links, plus
 * autodiscovery links for the main feeds. Rendered once per snapshot. Thread-safe.
 */
final class IndexPage {
    private static final Map<FeedKind, String> HEADINGS = Map.of(
            FeedKind.CATEGORY, "分类 Categories", FeedKind.SOURCE, "来源 Sources", FeedKind.TAG, "标签 Tags");

    private final Links links;

    IndexPage(Links links) {
        this.links = links;
    }

    byte[] render(IndexSnapshot snapshot) {
        StringBuilder head = new StringBuilder();
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(Html.escape(links.siteTitle())).append("</h1>");
        body.append("<p class=\"meta\">").append(snapshot.size()).append(" 篇文章 articles</p><ul>");
        item(body, head, FeedKey.ALL, snapshot.all(), "全部文章 All articles");
        body.append("</ul>");
        for (FeedKind kind : List.of(FeedKind.CATEGORY, FeedKind.SOURCE, FeedKind.TAG)) {
            Map<String, List<Article>> feeds = snapshot.feeds(kind);
            if (feeds.isEmpty()) {
                continue;
            }
            body.append("<h2>").append(HEADINGS.get(kind)).append("</h2><ul>");
            for (String name : Listings.byCount(feeds)) {
                FeedKey key = new FeedKey(kind, name);
                item(body, kind == FeedKind.TAG ? null : head, key, feeds.get(name), links.title(key));
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
        body.append("<br>").append(Html.formatLinks(links, request)).append("</li>");
    }
}
