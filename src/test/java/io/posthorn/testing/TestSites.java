package io.posthorn.testing;

import io.posthorn.config.Config;
import io.posthorn.config.ConfigException;
import io.posthorn.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Builds real folders and feeds.yml files for tests. */
public final class TestSites {
    /** The sample folder shipped at the repository root (Maven runs tests from there). */
    public static final Path SAMPLE_ARTICLES = Path.of("articles").toAbsolutePath();
    /** The real example article, as shipped in the sample folder. */
    public static final Path REAL_EXAMPLE = SAMPLE_ARTICLES.resolve("zhitongcaijingwang/2022-05-26-meta-azure.md");

    private TestSites() {
    }

    /** Writes a feeds.yml in {@code dir} serving {@code dir/articles} under {@code baseUrl}. */
    public static Path writeConfig(Path dir, String baseUrl, String extra) {
        return writeConfig(dir, baseUrl, "", extra);
    }

    /** As above, with {@code feedsExtra} lines (indented two spaces) added to the {@code feeds:} block. */
    public static Path writeConfig(Path dir, String baseUrl, String feedsExtra, String extra) {
        String yaml = """
                site:
                  title: 财经新闻
                  id: finews.example.com
                  base_url: %s
                sources:
                  - path: articles
                feeds:
                  entries: 50
                  summary_chars: 200
                %sattribution:
                  zhitongcaijingwang: 智通财经网
                  zhengquanshibao: 证券时报
                  cailianshe: 财联社
                %s""".formatted(baseUrl, feedsExtra, extra);
        return write(dir.resolve("feeds.yml"), yaml);
    }

    public static Config load(Path file) {
        try {
            return ConfigLoader.load(file);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Copies the shipped sample articles into {@code dir/articles}. */
    public static void copySamples(Path dir) {
        Path target = dir.resolve("articles");
        try (Stream<Path> files = Files.walk(SAMPLE_ARTICLES)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(SAMPLE_ARTICLES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of an article file (after its front matter). */
    public static String body(Path file) {
        try {
            return io.posthorn.article.FrontMatter.split(io.posthorn.source.TextDecoder.decode(Files.readAllBytes(file)))
                    .orElseThrow().body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The XSS probe as a headline: markup for anyone who builds HTML from data. Titles are
     * plain-texted (tags stripped, entities decoded), so it is written entity-encoded in the front
     * matter and reaches every output as exactly this literal text.
     */
    public static final String HOSTILE_TITLE = "<img src=x onerror=\"window.__pwned=1\">";
    /** The key of the article {@link #addHostileArticle} writes. */
    public static final String HOSTILE_KEY = "zhitongcaijingwang/2022-07-27-hostile-title";

    /** Adds an article titled {@link #HOSTILE_TITLE} to {@code dir/articles}: the newest of all and of its category. */
    public static void addHostileArticle(Path dir) {
        write(dir.resolve("articles/" + HOSTILE_KEY + ".md"), article(
                "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;", "2022-07-27 09:30:00 +0800",
                "zhitongcaijingwang", "智通财经网新闻", "<p>港股早盘窄幅震荡。</p><p class=\"em_media\">（文章来源：智通财经网）</p>"));
    }

    /** A minimal article in the real shape. */
    public static String article(String title, String date, String categories, String tags, String body) {
        return "---\nlayout: post\ntitle: \"" + title + "\"\ndate: " + date + "\ncategories: " + categories
                + "\ntags: " + tags + "\n---\n" + body + "\n";
    }
}
