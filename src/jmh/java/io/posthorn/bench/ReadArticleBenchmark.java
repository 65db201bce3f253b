package io.posthorn.bench;

import io.posthorn.article.ArticleReader;
import io.posthorn.config.Config;
import io.posthorn.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
 * Reading one article file as start-up indexing does ({@link ArticleReader#read}: attributes, bytes,
 * front matter, attribution and original link from the head and tail) and as cleaning does
 * ({@link ArticleReader#readBody}: the whole body, decoded). The file (the real example's shape,
 * body of {@code bodyBytes}) is in the page cache, so this is the CPU cost, not the disk's.
 * <pre>
 * mvn -q -Pbench -DskipTests package &amp;&amp; java -jar target/benchmarks.jar ReadArticle -f1 -wi 3 -i 5
 * </pre>
 * Run from the repository root (it reads the example article).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReadArticleBenchmark {
    @Param({"1024", "8192"})
    public int bodyBytes;

    private Path dir;
    private ArticleReader reader;
    private SourceFile file;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("posthorn-jmh-read");
        Config config = BenchSite.writeSite(dir, 1, bodyBytes);
        reader = new ArticleReader(config);
        file = BenchSite.file(config, "zhitongcaijingwang/2022-05-10-bench-000.md");
        if (reader.read(file).article() == null) {
            throw new IllegalStateException("the generated file is not an article");
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        BenchSite.delete(dir);
    }

    @Benchmark
    public ArticleReader.Outcome read() {
        return reader.read(file);
    }

    @Benchmark
    public Optional<String> readBody() throws IOException {
        return reader.readBody(file);
    }
}
