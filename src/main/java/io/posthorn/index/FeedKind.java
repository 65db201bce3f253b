package io.posthorn.index;

import io.posthorn.article.Article;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of feed, named as in their URL path ({@code /feeds/{kind}/{name}.atom}), and the one
 * rule of which feeds an article belongs to: each kind says which of its feeds hold an article
 * ({@link #names}). The snapshot's groups, the feeds an update touches, an article page's feed
 * links, the OPML document and the index page all follow this rule, so a new kind is one more
 * constant here and nothing else has to remember it.
 */
public enum FeedKind {
    ALL("all", "全部 All", "全部 All") {
        @Override
        public List<String> names(Article a) {
            return List.of("");
        }
    },
    CATEGORY("categories", "分类 Category", "分类 Categories") {
        @Override
        public List<String> names(Article a) {
            return a.categories();
        }
    },
    SOURCE("sources", "来源 Source", "来源 Sources") {
        @Override
        public List<String> names(Article a) {
            return a.source() == null ? List.of() : List.of(a.source());
        }
    },
    STOCK("stocks", "个股 Stock", "个股 Stocks") {
        @Override
        public List<String> names(Article a) {
            return a.stocks();
        }
    },
    TAG("tags", "标签 Tag", "标签 Tags") {
        @Override
        public List<String> names(Article a) {
            return a.tags();
        }
    };

    /** Every kind but {@link #ALL}, in the order pages list them. */
    public static final List<FeedKind> NAMED = List.of(CATEGORY, SOURCE, STOCK, TAG);

    private final String path;
    private final String label;
    private final String pluralLabel;

    FeedKind(String path, String label, String pluralLabel) {
        this.path = path;
        this.label = label;
        this.pluralLabel = pluralLabel;
    }

    /** The names of this kind's feeds that hold {@code a} ({@code ""} for {@link #ALL}). */
    public abstract List<String> names(Article a);

    /** Every feed that holds {@code a}: {@link FeedKey#ALL} first, then the named kinds in {@link #NAMED} order. */
    public static List<FeedKey> feedsOf(Article a) {
        List<FeedKey> keys = new ArrayList<>();
        keys.add(FeedKey.ALL);
        for (FeedKind kind : NAMED) {
            for (String name : kind.names(a)) {
                keys.add(new FeedKey(kind, name));
            }
        }
        return keys;
    }

    /** The URL segment: {@code categories}, {@code tags}, {@code sources} (or {@code all}). */
    public String path() {
        return path;
    }

    /** What one feed of this kind is called on pages, e.g. {@code 分类 Category}. */
    public String label() {
        return label;
    }

    /** What the feeds of this kind are called on pages, e.g. {@code 分类 Categories}. */
    public String pluralLabel() {
        return pluralLabel;
    }

    public static Optional<FeedKind> fromPath(String segment) {
        for (FeedKind kind : values()) {
            if (kind.path.equals(segment)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
