package io.posthorn.http;

import io.posthorn.article.Article;
import io.posthorn.cache.ContentCache;
import io.posthorn.clean.CleanContent;
import io.posthorn.clean.Variant;
import io.posthorn.feed.FeedRequest;
import io.posthorn.feed.Format;
import io.posthorn.feed.Html;
import io.posthorn.feed.Links;
import io.posthorn.index.FeedKey;
import io.posthorn.index.FeedKind;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * {@code /articles/{key}}: the cleaned article as a small page, the target of every entry's
 * {@code alternate} link, in Simplified or (with {@code ?variant=}) Traditional characters, its
 * feed links in the same variant. The content is the cleaner's safelisted HTML. Thread-safe.
 */
final class ArticlePage {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

    private final Links links;
    private final ContentCache contents;

    ArticlePage(Links links, ContentCache contents) {
        this.links = links;
        this.contents = contents;
    }

    /** The page in {@code variant}: written in the original, then converted as a whole, once. */
    byte[] render(Article a, Variant variant) {
        CleanContent content = contents.get(a);
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"meta\"><a href=\"").append(Html.escape(links.home())).append("\">")
                .append(Html.escape(links.siteTitle())).append("</a></p>");
        body.append("<article><h1>").append(Html.escape(a.title())).append("</h1><p class=\"meta\"><time datetime=\"")
                .append(a.published().toString()).append("\">").append(a.published().format(DATE)).append("</time>");
        if (a.author() != null) {
            body.append(" · <span class=\"author\">").append(Html.escape(a.author())).append("</span>");
        }
        a.sourceName().ifPresent(s -> body.append(" · ").append(Html.escape(s)));
        String site = links.alternate(a);
        if (!site.equals(links.article(a))) {
            body.append(" · <a href=\"").append(Html.escape(site)).append("\">本站页面 On the site</a>");
        }
        content.originalUrl().ifPresent(u -> body.append(" · <a rel=\"nofollow noopener noreferrer\" href=\"")
                .append(Html.escape(u)).append("\">原文 Original</a>"));
        body.append("</p><div class=\"content\">").append(content.html()).append("</div></article>");
        body.append("<h2>订阅 Feeds</h2><ul>");
        for (FeedKey key : FeedKind.feedsOf(a)) {
            if (key.kind() != FeedKind.ALL) {
                feedLink(body, key, variant);
            }
        }
        body.append("</ul>");
        return variant.convert(Html.page(variant, a.title(), "", body.toString()).getBytes(StandardCharsets.UTF_8));
    }

    private void feedLink(StringBuilder body, FeedKey key, Variant variant) {
        FeedRequest request = new FeedRequest(key, Format.ATOM, 0, 0, null, variant);
        // a category and a source can have the same display name: say which is which
        String kind = key.kind().label();
        body.append("<li><span class=\"meta\">").append(kind).append("</span> <a href=\"")
                .append(Html.escape(links.feed(request.withFormat(Format.HTML)))).append("\">")
                .append(Html.escape(links.title(key))).append("</a> ").append(Html.formatLinks(links, request))
                .append("</li>");
    }
}
