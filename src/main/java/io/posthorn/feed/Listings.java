package io.posthorn.feed;

import io.posthorn.article.Article;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The order feeds are listed in on pages and in OPML: most articles first, then by name. */
public final class Listings {
    private Listings() {
    }

    public static List<String> byCount(Map<String, List<Article>> feeds) {
        return feeds.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<Article>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .toList();
    }
}
