package io.posthorn.bench;

import io.posthorn.article.Article;
import io.posthorn.clean.CleanContent;
import io.posthorn.clean.ContentCleaner;
import io.posthorn.config.Config;
import io.posthorn.feed.FeedAssembler;
import io.posthorn.feed.FeedRequest;
import io.posthorn.feed.Format;
import io.posthorn.feed.Links;
import io.posthorn.index.FeedKey;
import io.posthorn.index.IndexSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Rendering a 50-entry feed ({@link FeedAssembler#render}) in Atom (Rome), RSS (Rome) and JSON Feed
 * (Jackson's generator). The contents are cleaned in {@code @Setup} and looked up from a map, so
 * only choosing the page, building the document and writing the bytes are measured; neither
 * cleaning nor gzip and hashing (done once per render by the cache) are in the figure.
 * Bodies are the real example's shape at about 4 KB.
 * <pre>
 * mvn -q -Pbench -DskipTests package &amp;&amp; java -jar target/benchmarks.jar RenderFeed -f1 -wi 3 -i 5
 * </pre>
 * Run from the repository root (it reads the example article).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RenderFeedBenchmark {
    @Param({"ATOM", "RSS", "JSON"})
    public Format format;

    private Path dir;
    private FeedAssembler assembler;
    private IndexSnapshot snapshot;
    private FeedRequest request;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("posthorn-jmh-render");
        Config config = BenchSite.writeSite(dir, 50, 4096);
        List<Article> articles = BenchSite.readAll(config);
        ContentCleaner cleaner = new ContentCleaner(config.site().baseUrl(), config.clean());
        Map<Article, CleanContent> contents = new HashMap<>();
        for (Article a : articles) {
            contents.put(a, cleaner.clean(BenchSite.bodyOfSize(4096), a.source(), a.summary(),
                    config.feeds().summaryChars()));
        }
        snapshot = new IndexSnapshot(articles);
        assembler = new FeedAssembler(new Links(config.site(), config.attribution()), config.feeds().entries(),
                contents::get);
        request = new FeedRequest(FeedKey.ALL, format);
        if (assembler.render(snapshot, request).isEmpty()) {
            throw new IllegalStateException("no feed rendered");
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        BenchSite.delete(dir);
    }

    @Benchmark
    public byte[] render() {
        return assembler.render(snapshot, request).orElseThrow().body();
    }
}
