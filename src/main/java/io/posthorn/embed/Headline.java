package io.posthorn.embed;

import io.posthorn.article.Article;
import java.util.Objects;

/**
 * One article as a headline.
 *
 * @param summary its cleaned plain-text summary, or null when not asked for (so nothing is
 *                cleaned for headlines without summaries)
 */
public record Headline(Article article, String summary) {
    public Headline {
        Objects.requireNonNull(article, "article");
    }
}
