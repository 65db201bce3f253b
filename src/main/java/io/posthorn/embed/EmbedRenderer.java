package io.posthorn.embed;

import io.posthorn.article.Article;
import io.posthorn.clean.CleanContent;
import io.posthorn.feed.FeedAssembler;
import io.posthorn.feed.Format;
import io.posthorn.feed.Links;
import io.posthorn.index.IndexSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders one embed document from a snapshot: a feed's newest {@code limit} articles as
 * headlines (those its filter keeps), as JSON or as the iframe page, in the variant asked for
 * (the whole document converted once, here). Summaries are cleaned only when asked for. The same
 * articles always give the same bytes. Immutable and thread-safe.
 */
public final class EmbedRenderer {
    /** Headlines shown when {@code ?limit=} is not given (or {@code feeds.entries}, if smaller). */
    public static final int DEFAULT_LIMIT = 10;

    private final Links links;
    private final int defaultLimit;
    private final Function<Article, CleanContent> contents;
    private final HeadlinesJsonWriter json;
    private final HeadlinesPageWriter page;

    /**
     * @param feedEntries the configured entries per feed; caps the default number of headlines
     * @param contents    cleaned content of an article; called only when summaries are asked for
     */
    public EmbedRenderer(Links links, int feedEntries, Function<Article, CleanContent> contents) {
        this.links = links;
        this.defaultLimit = Math.min(DEFAULT_LIMIT, feedEntries);
        this.contents = contents;
        this.json = new HeadlinesJsonWriter(links);
        this.page = new HeadlinesPageWriter(links);
    }

    /** The document's bytes, or empty when the snapshot has no such feed. */
    public Optional<FeedAssembler.Rendered> render(IndexSnapshot snapshot, EmbedRequest request) {
        return snapshot.entries(request.key()).map(articles -> {
            List<Article> kept = request.filter() == null ? articles : request.filter().select(articles, snapshot);
            EmbedDocument doc = document(request, kept);
            byte[] body = request.format() == EmbedFormat.JSON ? json.write(doc) : page.write(doc);
            return new FeedAssembler.Rendered(request.variant().convert(body), doc.updated(), request.format().contentType());
        });
    }

    /** The feed's first {@code limit} headlines its filter keeps, newest first; empty when there is no such feed. */
    public List<Article> newest(IndexSnapshot snapshot, EmbedRequest request) {
        List<Article> articles = snapshot.entries(request.key()).orElse(List.of());
        List<Article> kept = request.filter() == null ? articles : request.filter().select(articles, snapshot);
        int limit = request.limit() > 0 ? request.limit() : defaultLimit;
        return kept.subList(0, Math.min(limit, kept.size()));
    }

    /**
     * The headlines an update brought to the top of {@code request}'s feed: those among the new
     * snapshot's first {@code limit} that the old one did not hold as they are now (new, or
     * edited: an edit is a new record), oldest first, so that a list adding each on top ends
     * newest first.
     */
    public List<Article> changed(IndexSnapshot old, IndexSnapshot now, EmbedRequest request) {
        java.util.Set<Article> before = new java.util.HashSet<>(newest(old, request));
        List<Article> out = new ArrayList<>();
        for (Article a : newest(now, request)) {
            if (!before.contains(a)) {
                out.add(a);
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** One headline as a live event's data: JSON, in the request's variant. */
    public String event(Article a, EmbedRequest request) {
        return new String(request.variant().convert(json.one(a)), java.nio.charset.StandardCharsets.UTF_8);
    }

    private EmbedDocument document(EmbedRequest request, List<Article> articles) {
        int limit = request.limit() > 0 ? request.limit() : defaultLimit;
        List<Article> shown = articles.subList(0, Math.min(limit, articles.size()));
        List<Headline> headlines = new ArrayList<>(shown.size());
        Instant updated = Instant.EPOCH;
        for (Article a : shown) {
            headlines.add(new Headline(a, request.summary() ? contents.apply(a).summary() : null));
            Instant u = a.updatedInstant();
            if (u.isAfter(updated)) {
                updated = u;
            }
        }
        return new EmbedDocument(request, links.title(request.key()), links.feed(request.feed(Format.HTML)),
                links.feed(request.feed(Format.ATOM)), updated, headlines, limit);
    }
}
