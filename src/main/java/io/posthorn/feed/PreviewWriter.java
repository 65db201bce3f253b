package io.posthorn.feed;

import io.posthorn.article.Article;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * The human-readable preview of a feed ({@code .html}): the same entries as the feed, as a page
 * with subscribe links, paging and autodiscovery. Plain HTML, no XSLT. Immutable and thread-safe.
 */
final class PreviewWriter implements FeedWriter {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Links links;

    PreviewWriter(Links links) {
        this.links = links;
    }

    @Override
    public byte[] write(FeedDocument doc) {
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"meta\"><a href=\"").append(Html.escape(links.home())).append("\">")
                .append(Html.escape(links.siteTitle())).append("</a></p><h1>").append(Html.escape(doc.title()))
                .append("</h1><p>订阅 Subscribe: ").append(Html.formatLinks(links, doc.request().withPage(0)))
                .append("</p>");
        for (FeedEntry e : doc.entries()) {
            Article a = e.article();
            body.append("<article class=\"entry\"><h2><a href=\"").append(Html.escape(links.article(a))).append("\">")
                    .append(Html.escape(a.title())).append("</a></h2><p class=\"meta\"><time datetime=\"")
                    .append(a.published()).append("\">").append(a.published().format(DATE)).append("</time>");
            a.sourceName().ifPresent(s -> body.append(" · ").append(Html.escape(s)));
            body.append("</p><p>").append(Html.escape(e.content().summary())).append("</p></article>");
        }
        Paging p = doc.paging();
        body.append("<nav class=\"pages\">");
        if (p.previous() != null) {
            body.append("<a rel=\"prev\" href=\"").append(Html.escape(p.previous())).append("\">← 上一页 Newer</a>");
        }
        body.append("<span class=\"meta\">").append(p.page()).append(" / ").append(p.lastPage()).append("</span> ");
        if (p.next() != null) {
            body.append("<a rel=\"next\" href=\"").append(Html.escape(p.next())).append("\">下一页 Older →</a>");
        }
        body.append("</nav>");
        String head = Html.discovery(links, doc.request().withPage(0), doc.title());
        return Html.page(doc.request().variant(), doc.title(), head, body.toString()).getBytes(StandardCharsets.UTF_8);
    }
}
