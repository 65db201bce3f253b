package io.posthorn.bench;

import io.posthorn.article.Article;
import io.posthorn.cache.ContentCache;
import io.posthorn.cache.FeedCache;
import io.posthorn.cache.RenderedFeed;
import io.posthorn.article.ArticleReader;
import io.posthorn.clean.ContentCleaner;
import io.posthorn.config.Config;
import io.posthorn.embed.EmbedRenderer;
import io.posthorn.feed.FeedAssembler;
import io.posthorn.feed.FeedRequest;
import io.posthorn.feed.Format;
import io.posthorn.feed.Links;
import io.posthorn.index.FeedKey;
import io.posthorn.index.IndexSnapshot;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Serving a cached feed, the part that is Posthorn's own: {@link FeedCache#cached} (the lookup a
 * hit takes on the I/O thread) plus the decision {@code FeedHandler.respond} makes from the request
 * headers: gzip or not ({@code FeedHandler.acceptsGzip}), which ETag, {@code If-None-Match}
 * ({@code Conditional.matchesAny}) and the {@code Last-Modified} value (formatted once per rendered
 * feed). Cases: {@code plain} (no request headers), {@code gzip} ({@code Accept-Encoding: gzip,
 * deflate, br}) and {@code revalidate} (the plain ETag in {@code If-None-Match}: a 304).
 *
 * <p>Deliberately not a full in-process HTTP round trip: on this 2-core machine a loopback round
 * trip through Undertow costs tens of microseconds, mostly parsing, syscalls and scheduling,
 * which would drown the sub-microsecond work measured here in noise. The whole path, sockets
 * included, is measured against nginx by {@code bench/serve-vs-nginx.sh}. The two package-private
 * helpers of {@code io.posthorn.http} are called through method handles (constant, so the JIT
 * inlines them as direct calls).
 * <pre>
 * mvn -q -Pbench -DskipTests package &amp;&amp; java -jar target/benchmarks.jar ServeCached -f1 -wi 3 -i 5
 * </pre>
 * Run from the repository root (it reads the example article).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ServeCachedBenchmark {
    private static final MethodHandle ACCEPTS_GZIP = handle("io.posthorn.http.FeedHandler", "acceptsGzip",
            MethodType.methodType(boolean.class, String.class));
    private static final MethodHandle MATCHES_ANY = handle("io.posthorn.http.Conditional", "matchesAny",
            MethodType.methodType(boolean.class, String.class, String.class));

    @Param({"plain", "gzip", "revalidate"})
    public String request;

    private Path dir;
    private FeedCache cache;
    private FeedRequest feed;
    private String acceptEncoding;
    private String ifNoneMatch;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("posthorn-jmh-serve");
        Config config = BenchSite.writeSite(dir, 50, 4096);
        List<Article> articles = BenchSite.readAll(config);
        IndexSnapshot snapshot = new IndexSnapshot(articles);
        Links links = new Links(config.site(), config.attribution());
        ContentCache contents = new ContentCache(new ArticleReader(config),
                new ContentCleaner(config.site().baseUrl(), config.clean()), config.feeds().summaryChars(),
                config.cache().contentBytes());
        cache = new FeedCache(() -> snapshot, new FeedAssembler(links, config.feeds().entries(), contents::get),
                new EmbedRenderer(links, config.feeds().entries(), contents::get), config.cache().feedBytes(), renderNanos -> { });
        feed = new FeedRequest(FeedKey.ALL, Format.ATOM);
        RenderedFeed rendered = cache.get(feed).orElseThrow();
        acceptEncoding = request.equals("gzip") ? "gzip, deflate, br" : null;
        ifNoneMatch = request.equals("revalidate") ? rendered.etag() : null;
    }

    @TearDown
    public void tearDown() throws IOException {
        BenchSite.delete(dir);
    }

    /** What {@code FeedHandler.respond} computes before it writes headers and bytes. */
    @Benchmark
    public void hit(Blackhole bh) throws Throwable {
        // a new key per request, as the route parser makes one
        RenderedFeed hit = cache.cached(new FeedRequest(FeedKey.ALL, Format.ATOM));
        boolean gzip = (boolean) ACCEPTS_GZIP.invokeExact(acceptEncoding);
        String etag = gzip ? hit.gzipEtag() : hit.etag();
        bh.consume(hit.lastModifiedHeader());
        boolean notModified = ifNoneMatch != null && (boolean) MATCHES_ANY.invokeExact(ifNoneMatch, etag);
        bh.consume(notModified ? null : gzip ? hit.gzip() : hit.body());
        bh.consume(etag);
    }

    private static MethodHandle handle(String className, String name, MethodType type) {
        try {
            Class<?> owner = Class.forName(className);
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findStatic(owner, name, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
