package io.posthorn.feed;

import io.posthorn.article.Article;
import io.posthorn.clean.CleanContent;
import java.util.Objects;

/** An article with its cleaned content, ready to be written as an entry. */
public record FeedEntry(Article article, CleanContent content) {
    public FeedEntry {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(content, "content");
    }
}
