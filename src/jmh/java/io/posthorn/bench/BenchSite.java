package io.posthorn.bench;

import io.posthorn.article.Article;
import io.posthorn.article.ArticleReader;
import io.posthorn.config.Config;
import io.posthorn.config.ConfigLoader;
import io.posthorn.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Inputs of the benchmarks, made from the real example article
 * ({@code articles/zhitongcaijingwang/2022-05-26-meta-azure.md}, read from the working directory:
 * run from the repository root, or name it with {@code -Dposthorn.example=FILE}).
 *
 * <p>Why not {@code CorpusGenerator}: it lives in the test sources, which the benchmark jar does not
 * hold (adding them to the bench profile would compile the tests twice). The benchmarks need only
 * a few articles of the same shape, so they are made here from the real example: its front matter
 * and hidden paragraph, stock-chart block, attribution paragraph, autolink and navigation links,
 * with its text paragraphs repeated to reach a body size. Not thread-safe; used in {@code @Setup}.
 */
final class BenchSite {
    private static final String EXAMPLE = "articles/zhitongcaijingwang/2022-05-26-meta-azure.md";
    static final String SOURCE = "智通财经网";

    private BenchSite() {
    }

    /** The real example article, front matter and body. */
    static String exampleFile() {
        Path file = Path.of(System.getProperty("posthorn.example", EXAMPLE));
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath()
                    + ": run from the repository root or set -Dposthorn.example=FILE", e);
        }
    }

    /** The real example's body (after the front matter). */
    static String exampleBody() {
        String text = exampleFile();
        return text.substring(text.indexOf("\n---\n", 3) + 5);
    }

    /**
     * A body of about {@code bytes} UTF-8 bytes in the example's shape: its text paragraphs
     * repeated (numbered so no two are equal) before the attribution paragraph.
     */
    static String bodyOfSize(int bytes) {
        String body = exampleBody();
        int attribution = body.indexOf("<p class=\"em_media\">");
        int firstText = body.indexOf("\n <p>");
        String head = body.substring(0, firstText);
        String paragraphs = body.substring(firstText, attribution);
        String tail = body.substring(attribution);
        StringBuilder out = new StringBuilder(bytes).append(head);
        int fixed = utf8(head) + utf8(tail);
        for (int round = 1; fixed + utf8(out) - utf8(head) < bytes; round++) {
            out.append(paragraphs.replace("<p>", "<p>（" + round + "）"));
        }
        return out.append(tail).toString();
    }

    /** Front matter of the {@code i}-th generated article: distinct title, date and tags. */
    static String frontMatter(int i) {
        return "---\nlayout: post\ntitle: \"扩大合作！Meta(FB.US)选择微软(MSFT.US)Azure加速Meta AI研发 " + i + "\"\n"
                + "date: 2022-05-" + (10 + i % 20) + " 12:" + (10 + i % 50) + ":14 +0800\n"
                + "categories: zhitongcaijingwang\n"
                + "tags: [智通财经网新闻, 美股, 人工智能" + (i % 3 == 0 ? ", 云计算" : "") + "]\n---\n";
    }

    /**
     * Writes {@code count} articles with bodies of about {@code bodyBytes} and a {@code feeds.yml}
     * into {@code dir}, and loads that configuration.
     */
    static Config writeSite(Path dir, int count, int bodyBytes) throws Exception {
        Path articles = Files.createDirectories(dir.resolve("articles/zhitongcaijingwang"));
        String body = bodyOfSize(bodyBytes);
        for (int i = 0; i < count; i++) {
            Files.writeString(articles.resolve(String.format("2022-05-%02d-bench-%03d.md", 10 + i % 20, i)),
                    frontMatter(i) + body, StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("feeds.yml"), """
                site:
                  title: 财经新闻
                  id: bench.example.com
                  base_url: http://127.0.0.1:8080/
                sources:
                  - path: articles
                feeds:
                  entries: 50
                  summary_chars: 200
                attribution:
                  zhitongcaijingwang: 智通财经网
                """, StandardCharsets.UTF_8);
        return ConfigLoader.load(dir.resolve("feeds.yml"));
    }

    /** The article file {@code relative} (under the site's {@code articles/}) as the scanner names it. */
    static SourceFile file(Config config, String relative) {
        return new SourceFile(0, config.sources().get(0).path(), relative);
    }

    /** Every article of a site written by {@link #writeSite}, read as the indexer reads them. */
    static List<Article> readAll(Config config) throws IOException {
        ArticleReader reader = new ArticleReader(config);
        Path root = config.sources().get(0).path();
        List<Article> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                var outcome = reader.read(new SourceFile(0, root, root.relativize(p).toString().replace('\\', '/')));
                if (outcome.article() == null) {
                    throw new IllegalStateException("not an article: " + outcome.skip());
                }
                out.add(outcome.article());
            }
        }
        return out;
    }

    /** Deletes a temporary folder made in {@code @Setup}. */
    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int utf8(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
