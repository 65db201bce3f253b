package io.posthorn.index;

import io.posthorn.article.Article;
import io.posthorn.article.ArticleReader;
import io.posthorn.config.Config;
import io.posthorn.config.SourceConfig;
import io.posthorn.source.Skip;
import io.posthorn.source.SourceFile;
import io.posthorn.source.SourceScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an {@link IndexSnapshot} from every source folder: scans, reads files in parallel,
 * drops duplicate keys (the first file in configuration and path order wins) and logs one line
 * per skipped file plus one summary line. Thread-safe: stateless apart from its configuration.
 */
public final class Indexer {
    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);

    /** What one indexing run produced. */
    public record Result(IndexSnapshot snapshot, List<Skip> skipped, int unattributed, long millis) {
        public Result {
            skipped = List.copyOf(skipped);
        }

        /** Skips of broken articles (not counting files that are simply not articles). */
        public long broken() {
            return skipped.stream().filter(s -> !s.ignored()).count();
        }
    }

    private final Config config;
    private final ArticleReader reader;

    public Indexer(Config config) {
        this.config = config;
        this.reader = new ArticleReader(config);
    }

    public Result run() {
        long start = System.nanoTime();
        List<SourceFile> files = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        List<SourceConfig> sources = config.sources();
        for (int i = 0; i < sources.size(); i++) {
            SourceScanner.Result scan = SourceScanner.scan(i, sources.get(i).path());
            files.addAll(scan.files());
            skipped.addAll(scan.skipped());
        }
        List<ArticleReader.Outcome> outcomes = files.parallelStream().map(reader::read).toList();
        List<Article> articles = new ArrayList<>(outcomes.size());
        Set<String> keys = new HashSet<>();
        for (ArticleReader.Outcome outcome : outcomes) {
            if (outcome.skip() != null) {
                skipped.add(outcome.skip());
            } else if (!keys.add(outcome.article().key())) {
                skipped.add(new Skip(outcome.article().file().path().toString(), 0,
                        "duplicate key '" + outcome.article().key() + "' (front-matter id or path) of an earlier file",
                        false));
            } else {
                articles.add(outcome.article());
            }
        }
        int unattributed = (int) articles.stream().filter(a -> a.source() == null).count();
        IndexSnapshot snapshot = new IndexSnapshot(articles);
        long millis = (System.nanoTime() - start) / 1_000_000;
        for (Skip skip : skipped) {
            if (skip.ignored()) {
                LOG.info("skipped {}", skip);
            } else {
                LOG.warn("skipped {}", skip);
            }
        }
        Result result = new Result(snapshot, skipped, unattributed, millis);
        LOG.info("indexed {} articles from {} sources in {} ms: {} skipped as broken, {} ignored, {} unattributed",
                snapshot.size(), sources.size(), millis, result.broken(), skipped.size() - result.broken(),
                unattributed);
        return result;
    }
}
