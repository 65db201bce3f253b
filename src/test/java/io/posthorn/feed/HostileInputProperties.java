package io.posthorn.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import io.posthorn.article.Article;
import io.posthorn.article.ArticleReader;
import io.posthorn.clean.CleanRules;
import io.posthorn.clean.ContentCleaner;
import io.posthorn.clean.PlainText;
import io.posthorn.config.Config;
import io.posthorn.index.FeedKey;
import io.posthorn.index.IndexSnapshot;
import io.posthorn.source.SourceFile;
import io.posthorn.testing.ActiveContent;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.TestSites;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Properties over arbitrary input: whatever a file holds, reading never throws, and every feed
 * format renders to a well-formed document whose content has no script, handler or
 * {@code javascript:} URL and no XML-illegal character.
 */
class HostileInputProperties {
    private static final List<String> FRAGMENTS = List.of("<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>", "<svg onload=alert(1)>", "\u0000", "\u0007", "\uFFFE", "\uFFFF",
            "\uD800", "\uDC00", "😀", "e\u0301", "&#0;", "&#x1;", "&lt;script&gt;", "]]>", "<![CDATA[", "\r\n", "\u3000",
            "（文章来源：智通财经网）", "<p class=\"em_media\">（文章来源：X）</p>", "<!--", "-->", "[返回](//x)",
            "<http://example.com/a>", "<p style=\"display:none\">h</p>", "<iframe srcdoc=\"<script>\">",
            "<a href=\"jav&#x09;ascript:alert(1)\">t</a>", "---", "\n", "\"", "'", "<", ">", "&", "。", "标题");

    private static Path dir;
    private static ArticleReader reader;
    private static FeedAssembler assembler;
    private static final ContentCleaner CLEANER =
            new ContentCleaner(URI.create("http://127.0.0.1:8080/"), CleanRules.defaults());

    @BeforeContainer
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("posthorn-props");
        Files.createDirectories(dir.resolve("articles"));
        Config config = TestSites.load(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", ""));
        reader = new ArticleReader(config);
        assembler = new FeedAssembler(new Links(config.site(), Map.of()), 50,
                a -> CLEANER.clean(body(a), a.source(), a.summary(), 200));
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String body(Article a) {
        try {
            return reader.readBody(a.file()).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(FRAGMENTS), Arbitraries.strings().all().ofMaxLength(8));
        return piece.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<byte[]> files() {
        Arbitrary<String> yamlValue = hostile().map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n") + "\"");
        Arbitrary<String> text = Combinators.combine(yamlValue, yamlValue, hostile(), hostile(),
                        Arbitraries.of("2022-05-26 12:19:14 +0800", "2022-05-26", "", "bad", "2022-13-45"))
                .as((title, tags, categories, body, date) -> "---\ntitle: " + title + "\ndate: " + date + "\ntags: [" + tags
                        + ", x]\ncategories: " + categories.replace("\n", " ") + "\n---\n" + body);
        return Arbitraries.oneOf(text.map(t -> t.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
    }

    @Property(tries = 300)
    void readingAnyFileNeverThrowsAndWhatIsReadRendersSafely(@ForAll("files") byte[] bytes) throws IOException {
        Path file = dir.resolve("articles/2022-05-26-fuzz.md");
        Files.write(file, bytes);
        ArticleReader.Outcome outcome = reader.read(new SourceFile(0, dir.resolve("articles"), "2022-05-26-fuzz.md"));
        assertEquals(true, (outcome.article() == null) != (outcome.skip() == null));
        if (outcome.article() != null) {
            renderEverywhere(outcome.article());
        }
    }

    @Property(tries = 300)
    void anyTitleTagsAndBodyRenderToWellFormedInertFeeds(@ForAll("hostile") String title, @ForAll("hostile") String tag,
                                                        @ForAll("hostile") String body) throws IOException {
        Path file = dir.resolve("articles/2022-05-26-body.md");
        Files.write(file, ("---\ntitle: t\n---\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String plainTitle = PlainText.of(title);
        String plainTag = PlainText.of(tag);
        Article a = new Article("k", "finews.example.com", new SourceFile(0, dir.resolve("articles"),
                "2022-05-26-body.md"), 1, plainTitle.isEmpty() ? "t" : plainTitle,
                OffsetDateTime.parse("2022-05-26T12:00+08:00"),
                OffsetDateTime.parse("2022-05-26T12:00+08:00"), plainTag.isEmpty() ? List.of() : List.of(plainTag),
                List.of(), PlainText.of(tag).isEmpty() ? null : PlainText.of(tag), null);
        renderEverywhere(a);
    }

    private static void renderEverywhere(Article article) {
        IndexSnapshot snapshot = new IndexSnapshot(List.of(article));
        for (Format format : Format.values()) {
            byte[] bytes = assembler.render(snapshot, new FeedRequest(FeedKey.ALL, format)).orElseThrow().body();
            switch (format) {
                case ATOM -> {
                    wellFormed(bytes);
                    for (Entry e : Feeds.<Feed>rome(bytes).getEntries()) {
                        assertEquals(List.of(), ActiveContent.in(e.getContents().get(0).getValue()));
                    }
                }
                case RSS -> {
                    wellFormed(bytes);
                    Channel rss = Feeds.rome(bytes);
                    rss.getItems().forEach(i -> assertEquals(List.of(), ActiveContent.in(i.getContent().getValue())));
                }
                case JSON -> Feeds.json(bytes).get("items").forEach(i ->
                        assertEquals(List.of(), ActiveContent.in(i.get("content_html").asText())));
                case HTML -> {
                    String page = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                    String pageBody = page.substring(page.indexOf("<body>") + 6, page.lastIndexOf("</body>"));
                    assertEquals(List.of(), ActiveContent.in(pageBody));
                }
            }
        }
    }

    private static void wellFormed(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }
}
