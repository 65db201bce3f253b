package io.posthorn.bench;

import io.posthorn.clean.CleanContent;
import io.posthorn.clean.CleanRules;
import io.posthorn.clean.ContentCleaner;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cleaning and summarising one body ({@link ContentCleaner#clean}: stock-chart blocks, Markdown,
 * jsoup junk rules, safelist, attribution paragraph, 200-character summary) with the default rules:
 * {@code example} is the real body of {@code articles/zhitongcaijingwang/2022-05-26-meta-azure.md}
 * (about 2.3 KB), {@code generated8k} the same shape grown to 8 KB. This is the per-article cost of
 * a cold feed (each feed cleans its 50 newest entries once; the result is cached).
 * <pre>
 * mvn -q -Pbench -DskipTests package &amp;&amp; java -jar target/benchmarks.jar CleanArticle -f1 -wi 3 -i 5
 * </pre>
 * Run from the repository root (it reads the example article).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CleanArticleBenchmark {
    @Param({"example", "generated8k"})
    public String body;

    private ContentCleaner cleaner;
    private String text;

    @Setup
    public void setUp() {
        cleaner = new ContentCleaner(URI.create("http://127.0.0.1:8080/"), CleanRules.defaults());
        text = body.equals("example") ? BenchSite.exampleBody() : BenchSite.bodyOfSize(8192);
    }

    @Benchmark
    public CleanContent clean() {
        return cleaner.clean(text, BenchSite.SOURCE, null, 200);
    }
}
