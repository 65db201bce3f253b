package io.posthorn.feed;

import io.posthorn.article.Article;
import io.posthorn.clean.CleanContent;
import io.posthorn.index.IndexSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders one feed document from a snapshot: takes the newest {@code entries} articles, fetches
 * their content (lazily cleaned and cached elsewhere) and writes them. Immutable and thread-safe.
 */
public final class FeedAssembler {
    /** Rendered bytes and the validator inputs. */
    public record Rendered(byte[] body, Instant lastModified, String contentType) {
    }

    private final Links links;
    private final int entries;
    private final AtomWriter atom;
    private final Function<Article, CleanContent> contents;

    /** @param contents cleaned content of an article; called only for the entries a feed shows */
    public FeedAssembler(Links links, int entries, Function<Article, CleanContent> contents) {
        this.links = links;
        this.entries = entries;
        this.atom = new AtomWriter(links);
        this.contents = contents;
    }

    /** The feed's bytes, or empty when the snapshot has no such feed. */
    public Optional<Rendered> render(IndexSnapshot snapshot, FeedRequest request) {
        return snapshot.entries(request.key()).map(articles -> {
            List<Article> shown = articles.subList(0, Math.min(entries, articles.size()));
            List<FeedEntry> feedEntries = new ArrayList<>(shown.size());
            Instant updated = Instant.EPOCH;
            for (Article a : shown) {
                feedEntries.add(new FeedEntry(a, contents.apply(a)));
                Instant u = a.updated().toInstant();
                if (u.isAfter(updated)) {
                    updated = u;
                }
            }
            FeedDocument doc = new FeedDocument(request, links.feedId(request.key()), links.title(request.key()),
                    links.feed(request), links.home(), updated, feedEntries);
            return new Rendered(atom.write(doc), updated, request.format().contentType());
        });
    }
}
