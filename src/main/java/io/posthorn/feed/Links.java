package io.posthorn.feed;

import io.posthorn.article.Article;
import io.posthorn.article.UriEncoding;
import io.posthorn.config.SiteConfig;
import io.posthorn.config.WebSubConfig;
import io.posthorn.index.FeedKey;
import io.posthorn.index.FeedKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every public URL and feed-level id. Links come from {@code site.base_url} only (never from a
 * request's Host header); ids come from {@code site.id} only, so a domain move changes links
 * but no id. Immutable and thread-safe.
 */
public final class Links {
    private final String base;
    private final SiteConfig site;
    private final Map<String, String> categoryNames;
    private final Permalinks permalinks; // null: entries link to Posthorn's own pages
    private final java.util.function.Function<String, String> stockNames;
    private final java.util.function.IntPredicate sitePages;
    private final List<String> hubs;

    public Links(SiteConfig site, Map<String, String> categoryNames) {
        this(site, categoryNames, code -> "");
    }

    /** @param stockNames the display name of a security ({@code 微软} for {@code MSFT.US}), or {@code ""} */
    public Links(SiteConfig site, Map<String, String> categoryNames, java.util.function.Function<String, String> stockNames) {
        this(site, categoryNames, stockNames, source -> true);
    }

    /** @param sitePages which sources (by index) have pages on {@code site.url}: folders, not upstream feeds */
    public Links(SiteConfig site, Map<String, String> categoryNames, java.util.function.Function<String, String> stockNames,
                 java.util.function.IntPredicate sitePages) {
        this(site, categoryNames, stockNames, sitePages, null);
    }

    /** @param websub which hubs feeds advertise (the built-in one at {@code /websub}, external ones), or null for none */
    public Links(SiteConfig site, Map<String, String> categoryNames, java.util.function.Function<String, String> stockNames,
                 java.util.function.IntPredicate sitePages, WebSubConfig websub) {
        this.sitePages = sitePages;
        this.stockNames = stockNames;
        this.site = site;
        this.permalinks = site.url() == null ? null
                : new Permalinks(site.url().toString(), site.articleUrl(), site.timezone());
        this.base = site.baseUrl().toString();
        this.categoryNames = Map.copyOf(categoryNames);
        List<String> h = new ArrayList<>();
        if (websub != null && websub.builtin()) {
            h.add(base + HUB_PATH);
        }
        if (websub != null) {
            websub.hubs().forEach(u -> h.add(u.toString()));
        }
        this.hubs = List.copyOf(h);
    }

    /** Where the built-in WebSub hub answers, under {@code base_url}. */
    public static final String HUB_PATH = "websub";

    /** The hubs every feed advertises ({@code rel="hub"}): the built-in one first, then the external ones. */
    public List<String> hubs() {
        return hubs;
    }

    /** The built-in hub's URL, or null when it does not run. */
    public String builtinHub() {
        return !hubs.isEmpty() && hubs.get(0).equals(base + HUB_PATH) ? hubs.get(0) : null;
    }

    /** A feed document's {@code Link} header: each hub, then itself (WebSub 4, discovery). */
    public String linkHeader(String selfUrl) {
        StringBuilder out = new StringBuilder();
        for (String hub : hubs) {
            out.append('<').append(hub).append(">; rel=\"hub\", ");
        }
        return out.append('<').append(selfUrl).append(">; rel=\"self\"").toString();
    }

    public String home() {
        return base;
    }

    /** Posthorn's own page of the article (the entry's {@code related} link when the site has its own). */
    public String article(Article article) {
        return base + "articles/" + UriEncoding.path(article.key());
    }

    /**
     * Where a reader goes for the article: its page on the real site ({@code site.url} with
     * {@code site.article_url} or the post's {@code permalink}, as Jekyll makes it), else
     * Posthorn's own page.
     */
    public String alternate(Article article) {
        // the site has pages for its own folders' posts, not for entries fetched from upstreams
        String url = permalinks == null || !sitePages.test(article.file().source()) ? null : permalinks.url(article);
        return url != null ? url : article(article);
    }

    /** The URL a feed document is served at, with its query: also its {@code self} link. */
    public String feed(FeedRequest request) {
        return base + request.path() + request.query();
    }

    public String feed(FeedKey key, Format format) {
        return feed(new FeedRequest(key, format));
    }

    /** The feed's own id: a tag: URI under the site's authority. */
    public String feedId(FeedKey key) {
        return "tag:" + site.id() + ",2000:" + key.path();
    }

    /** Feed title, e.g. {@code 财经新闻 · 智通财经网}, {@code 财经新闻 · 微软 (MSFT.US)}. */
    public String title(FeedKey key) {
        String name = switch (key.kind()) {
            case CATEGORY -> categoryNames.getOrDefault(key.name(), key.name());
            case STOCK -> {
                String display = stockNames.apply(key.name());
                yield display == null || display.isEmpty() ? key.name() : display + " (" + key.name() + ")";
            }
            default -> key.name();
        };
        return key.kind() == FeedKind.ALL ? site.title() : site.title() + " · " + name;
    }

    /** Who an entry is by: its front-matter author, else its attribution, else the site. */
    public String author(Article article) {
        return article.author() != null ? article.author() : article.sourceName().orElse(site.title());
    }

    public String siteTitle() {
        return site.title();
    }
}
