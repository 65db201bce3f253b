package io.posthorn.feed;

import io.posthorn.article.Article;
import io.posthorn.clean.CleanContent;
import io.posthorn.index.IndexSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders one feed document from a snapshot: picks the page's articles (those the request's filter
 * keeps), fetches their content (lazily cleaned and cached elsewhere), writes them in the
 * requested format and converts the whole document to the requested variant of Chinese, once:
 * the writers only say which language it is in. Every format
 * of one request holds exactly the same entries. Immutable and thread-safe.
 */
public final class FeedAssembler {
    /**
     * Rendered bytes and the validator inputs.
     *
     * @param link the {@code Link} header of a feed (its hubs and itself), or null
     */
    public record Rendered(byte[] body, Instant lastModified, String contentType, String link) {
        public Rendered(byte[] body, Instant lastModified, String contentType) {
            this(body, lastModified, contentType, null);
        }
    }

    private final Links links;
    private final int defaultEntries;
    private final Map<Format, FeedWriter> writers = new EnumMap<>(Format.class);
    private final Function<Article, CleanContent> contents;

    /** @param contents cleaned content of an article; called only for the entries a feed shows */
    public FeedAssembler(Links links, int defaultEntries, Function<Article, CleanContent> contents) {
        this.links = links;
        this.defaultEntries = defaultEntries;
        this.contents = contents;
        writers.put(Format.ATOM, new AtomWriter(links));
        writers.put(Format.RSS, new RssWriter(links));
        writers.put(Format.JSON, new JsonFeedWriter(links));
        writers.put(Format.HTML, new PreviewWriter(links));
    }

    /**
     * The document's bytes, or empty when the snapshot has no such feed.
     *
     * @throws OutOfRangeException when the page is past the last page
     */
    public Optional<Rendered> render(IndexSnapshot snapshot, FeedRequest request) {
        return snapshot.entries(request.key()).map(articles -> {
            List<Article> kept = request.filter() == null ? articles : request.filter().select(articles, snapshot);
            FeedDocument doc = document(request, kept);
            byte[] body = request.variant().convert(writers.get(request.format()).write(doc));
            return new Rendered(body, doc.updated(), request.format().contentType(),
                    request.format() == Format.HTML ? null : links.linkHeader(doc.selfUrl()));
        });
    }

    private FeedDocument document(FeedRequest request, List<Article> articles) {
        int size = request.limit() > 0 ? request.limit() : defaultEntries;
        int lastPage = Paging.pages(articles.size(), size);
        int page = Math.max(1, request.page());
        if (page > lastPage) {
            throw new OutOfRangeException("page " + page + " is past the last page, " + lastPage);
        }
        List<Article> shown = articles.subList((page - 1) * size, Math.min(page * size, articles.size()));
        List<FeedEntry> entries = new ArrayList<>(shown.size());
        Instant updated = Instant.EPOCH;
        for (Article a : shown) {
            entries.add(new FeedEntry(a, contents.apply(a)));
            Instant u = a.updatedInstant();
            if (u.isAfter(updated)) {
                updated = u;
            }
        }
        Paging paging = new Paging(page, lastPage,
                links.feed(request.withPage(0)),
                links.feed(request.withPage(lastPage == 1 ? 0 : lastPage)),
                page > 1 ? links.feed(request.withPage(page == 2 ? 0 : page - 1)) : null,
                page < lastPage ? links.feed(request.withPage(page + 1)) : null);
        return new FeedDocument(request, links.feedId(request.key()), links.title(request.key()),
                links.feed(request), links.home(), updated, paging, entries);
    }
}
