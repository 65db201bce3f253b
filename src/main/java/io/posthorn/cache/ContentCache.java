package io.posthorn.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.posthorn.article.Article;
import io.posthorn.article.ArticleReader;
import io.posthorn.clean.CleanContent;
import io.posthorn.clean.ContentCleaner;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleaned content per article, computed on first use by re-reading the file and cleaning its
 * body. Keyed by the article record itself, so a changed file (new fingerprint) is a new key.
 * A file that cannot be read any more yields an empty body rather than a broken feed.
 * Thread-safe.
 */
public final class ContentCache {
    private static final Logger LOG = LoggerFactory.getLogger(ContentCache.class);

    private final Cache<Article, CleanContent> cache;
    private final ArticleReader reader;
    private final java.util.List<ContentCleaner> cleaners; // per source
    private final int summaryChars;
    private final String excerptSeparator;

    public ContentCache(ArticleReader reader, ContentCleaner cleaner, int summaryChars, long maxBytes) {
        this(reader, java.util.List.of(cleaner), summaryChars, maxBytes);
    }

    /** @param cleaners one per source, by the source's index (its own rules on top of the global ones) */
    public ContentCache(ArticleReader reader, java.util.List<ContentCleaner> cleaners, int summaryChars, long maxBytes) {
        this(reader, cleaners, summaryChars, maxBytes, null);
    }

    /** @param excerptSeparator the site's {@code excerpt_separator}, or null (a post's own wins) */
    public ContentCache(ArticleReader reader, java.util.List<ContentCleaner> cleaners, int summaryChars, long maxBytes,
                        String excerptSeparator) {
        this.excerptSeparator = excerptSeparator;
        this.reader = reader;
        this.cleaners = java.util.List.copyOf(cleaners);
        this.summaryChars = summaryChars;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Article a, CleanContent c) -> c.weight())
                .recordStats()
                .build();
    }

    public CleanContent get(Article article) {
        return cache.get(article, this::load);
    }

    /** Lookups that found the content, that cleaned it (misses), entries evicted, entries held. */
    public CacheCounts counts() {
        var stats = cache.stats();
        return new CacheCounts(stats.hitCount(), stats.missCount(), stats.evictionCount(), cache.estimatedSize());
    }

    /** As in Jekyll: {@code .html} and {@code .htm} files are HTML, the rest Markdown. */
    private static boolean markdown(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        return !(lower.endsWith(".html") || lower.endsWith(".htm"));
    }

    private CleanContent load(Article article) {
        Optional<ArticleReader.Body> body;
        try {
            body = reader.readContent(article.file());
        } catch (IOException e) {
            LOG.warn("{}: cannot re-read body: {}", article.file().path(), e.getMessage());
            body = Optional.empty();
        }
        String text = body.map(ArticleReader.Body::text).orElse("");
        String separator = body.map(ArticleReader.Body::excerptSeparator).orElse(excerptSeparator);
        try {
            int source = article.file().source();
            ContentCleaner cleaner = cleaners.get(source < cleaners.size() ? source : 0);
            return cleaner.clean(text, article.source(), article.summary(), summaryChars, article.link(),
                    markdown(article.file().fileName()), separator);
        } catch (RuntimeException e) {
            // one article must never break a feed: serve it without a body, and say why
            LOG.error("{}: cannot clean body", article.file().path(), e);
            return new CleanContent("", article.source() == null ? "" : "文章来源：" + article.source(), null);
        }
    }
}
