package io.posthorn.bench;

import io.posthorn.article.Article;
import io.posthorn.clean.CleanContent;
import io.posthorn.clean.ContentCleaner;
import io.posthorn.clean.Variant;
import io.posthorn.config.Config;
import io.posthorn.feed.EntryFilter;
import io.posthorn.feed.FeedAssembler;
import io.posthorn.feed.FeedRequest;
import io.posthorn.feed.Format;
import io.posthorn.feed.Links;
import io.posthorn.index.FeedKey;
import io.posthorn.index.IndexSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * A filtered feed over the whole index and a feed in Traditional characters, each against the
 * unfiltered Simplified feed in the same run ({@code plain}): what a cache miss of
 * {@code /feeds/all.atom?q=…} or {@code ?variant=zh-TW} costs beyond the ordinary render.
 * {@code noMatch} scans every article for a word none contains (the worst case: every field of
 * every article read, an empty feed written); {@code someMatch} a word about 1 in 100 carry; the
 * variants render the first 50 entries with content, then convert the document. The index holds
 * {@code size} articles made in memory from the real example's shape (titles of its length,
 * three tags each from a pool of 3,000, two securities). Contents are cleaned once and shared, as
 * on a content-cache hit.
 * <pre>
 * mvn -q -Pbench -DskipTests package &amp;&amp; java -jar target/benchmarks.jar FilterFeed -f1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FilterFeedBenchmark {
    @Param({"100000"})
    public int size;

    @Param({"plain", "noMatch", "someMatch", "zh-Hant", "zh-TW"})
    public String request;

    private Path dir;
    private FeedAssembler assembler;
    private IndexSnapshot snapshot;
    private FeedRequest feed;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("posthorn-jmh-filter");
        Config config = BenchSite.writeSite(dir, 1, 4096);
        Article model = BenchSite.readAll(config).get(0);
        CleanContent content = new ContentCleaner(config.site().baseUrl(), config.clean())
                .clean(BenchSite.bodyOfSize(4096), model.source(), model.summary(), config.feeds().summaryChars());
        List<Article> articles = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String key = "zhitongcaijingwang/bench-" + i;
            articles.add(new Article(key, "tag:bench.example.com,2022-05-10:" + key, model.file(), i,
                    model.title().replace("Meta AI", "Meta AI 第" + i + "期"),
                    model.published().minusMinutes(i), model.updated().minusMinutes(i), model.categories(),
                    List.of("美股", "标签" + (i % 3000), i % 100 == 7 ? "回购" : "人工智能"), model.source(), null,
                    null, null, null, null, false, model.stocks(), model.stockNames()));
        }
        snapshot = new IndexSnapshot(articles);
        assembler = new FeedAssembler(new Links(config.site(), config.attribution(), snapshot::stockName),
                config.feeds().entries(), a -> content);
        feed = switch (request) {
            case "plain" -> new FeedRequest(FeedKey.ALL, Format.ATOM);
            case "noMatch" -> filtered("不存在的词");
            case "someMatch" -> filtered("回购");
            default -> new FeedRequest(FeedKey.ALL, Format.ATOM, 0, 0, null, Variant.of(request, null));
        };
        if (assembler.render(snapshot, feed).isEmpty()) {
            throw new IllegalStateException("no feed rendered");
        }
    }

    private static FeedRequest filtered(String q) {
        return new FeedRequest(FeedKey.ALL, Format.ATOM, 0, 0, EntryFilter.of(q, null, null, null, null), Variant.SIMPLIFIED);
    }

    @TearDown
    public void tearDown() throws IOException {
        BenchSite.delete(dir);
    }

    @Benchmark
    public byte[] render() {
        return assembler.render(snapshot, feed).orElseThrow().body();
    }
}
