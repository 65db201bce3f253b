package io.posthorn.feed;

import io.posthorn.article.Article;
import io.posthorn.article.UriEncoding;
import io.posthorn.config.SiteConfig;
import io.posthorn.index.FeedKey;
import io.posthorn.index.FeedKind;
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

    public Links(SiteConfig site, Map<String, String> categoryNames) {
        this.site = site;
        this.base = site.baseUrl().toString();
        this.categoryNames = Map.copyOf(categoryNames);
    }

    public String home() {
        return base;
    }

    public String article(Article article) {
        return base + "articles/" + UriEncoding.path(article.key());
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

    /** Feed title, e.g. {@code 财经新闻 · 智通财经网}. */
    public String title(FeedKey key) {
        String name = key.kind() == FeedKind.CATEGORY ? categoryNames.getOrDefault(key.name(), key.name()) : key.name();
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
