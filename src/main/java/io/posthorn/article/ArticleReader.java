package io.posthorn.article;

import io.posthorn.clean.Attribution;
import io.posthorn.clean.OriginalLink;
import io.posthorn.clean.PlainText;
import io.posthorn.config.Config;
import io.posthorn.config.YamlTree;
import io.posthorn.config.YamlTree.MapValue;
import io.posthorn.config.YamlTree.Scalar;
import io.posthorn.config.YamlTree.Seq;
import io.posthorn.config.YamlTree.Value;
import io.posthorn.source.Skip;
import io.posthorn.source.SourceFile;
import io.posthorn.source.TextDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one article file into an {@link Article}, or says why it is skipped. Never throws for
 * bad input. Immutable and thread-safe: files are read in parallel.
 */
public final class ArticleReader {
    private static final int MAX_FRONT_MATTER_CHARS = 64 * 1024;
    private static final long MAX_FILE_BYTES = 4L << 20;

    private final String siteId;
    private final ZoneId zone;
    private final Map<String, String> attribution;
    private final Attribution bodyAttribution;

    /** Outcome of reading one file: exactly one of {@code article} and {@code skip} is set. */
    public record Outcome(Article article, Skip skip) {
        static Outcome of(Article article) {
            return new Outcome(article, null);
        }

        static Outcome skip(SourceFile file, int line, String reason, boolean ignored) {
            return new Outcome(null, new Skip(file.path().toString(), line, reason, ignored));
        }
    }

    public ArticleReader(Config config) {
        this.siteId = config.site().id();
        this.zone = config.site().timezone();
        this.attribution = config.attribution();
        this.bodyAttribution = new Attribution(config.clean());
    }

    /** Reads and types {@code file}. */
    public Outcome read(SourceFile file) {
        Path path = file.path();
        BasicFileAttributes attrs;
        String text;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile()) {
                return Outcome.skip(file, 0, "ignored: not a regular file", true);
            }
            if (attrs.size() > MAX_FILE_BYTES) {
                return Outcome.skip(file, 0, "file larger than " + (MAX_FILE_BYTES >> 20) + " MiB", false);
            }
            text = TextDecoder.decode(Files.readAllBytes(path));
        } catch (IOException e) {
            return Outcome.skip(file, 0, "cannot read: " + e.getMessage(), false);
        }
        FrontMatter fm;
        try {
            Optional<FrontMatter> split = FrontMatter.split(text);
            if (split.isEmpty()) {
                return Outcome.skip(file, 1, "ignored: no front matter (does not start with '---')", true);
            }
            fm = split.get();
        } catch (IllegalArgumentException e) {
            return Outcome.skip(file, 1, e.getMessage(), false);
        }
        MapValue fields;
        try {
            Optional<Value> root = YamlTree.parse(fm.yaml(), MAX_FRONT_MATTER_CHARS, 1);
            if (root.isEmpty() || !(root.get() instanceof MapValue map)) {
                return Outcome.skip(file, 2, "front matter is not a mapping of keys to values", false);
            }
            fields = map;
        } catch (YamlTree.YamlException e) {
            return Outcome.skip(file, e.line(), "bad front matter: " + e.getMessage(), false);
        }
        try {
            return build(file, attrs, fields, fm.body());
        } catch (FieldException e) {
            return Outcome.skip(file, e.line, e.getMessage(), false);
        }
    }

    /** The current body of an article's file, or empty if it no longer has front matter. */
    public static Optional<String> readBody(Path path) throws IOException {
        String text = TextDecoder.decode(Files.readAllBytes(path));
        try {
            return FrontMatter.split(text).map(FrontMatter::body);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Outcome build(SourceFile file, BasicFileAttributes attrs, MapValue fields, String body)
            throws FieldException {
        Map<String, Value> f = fields.entries();
        String published = scalar(f.get("published"));
        if (published != null && published.equalsIgnoreCase("false")) {
            return Outcome.skip(file, f.get("published").line(), "ignored: not published (published: false)", true);
        }
        Value titleValue = f.get("title");
        String title = titleValue == null ? null : PlainText.of(requireText(titleValue, "title"));
        if (title == null || title.isEmpty()) {
            throw new FieldException(titleValue == null ? fields.line() : titleValue.line(), "title is missing or empty");
        }
        OffsetDateTime date = date(f.get("date"), file);
        OffsetDateTime updated = date;
        Value modified = f.get("last_modified_at");
        if (modified != null && scalar(modified) != null) {
            updated = JekyllDates.parse(scalar(modified), zone).orElseThrow(() ->
                    new FieldException(modified.line(), "last_modified_at is not a date: '" + scalar(modified) + "'"));
            if (updated.isBefore(date)) {
                updated = date;
            }
        }
        List<String> categories = names(f.containsKey("categories") ? f.get("categories") : f.get("category"), "categories");
        List<String> tags = names(f.get("tags"), "tags");

        String key = file.stem();
        Value idValue = f.get("id");
        if (idValue != null && scalar(idValue) != null && !scalar(idValue).isBlank()) {
            key = PlainText.of(scalar(idValue));
        }
        String id = "tag:" + siteId + "," + date.toLocalDate().format(DateTimeFormatter.ISO_LOCAL_DATE) + ":"
                + UriEncoding.path(key);

        String source = bodyAttribution.find(body)
                .or(() -> categories.stream().map(attribution::get).filter(s -> s != null).findFirst())
                .orElse(null);
        String original = OriginalLink.find(body).orElse(null);
        String summary = scalar(f.containsKey("summary") ? f.get("summary") : f.get("excerpt"));
        long fingerprint = attrs.size() * 31 + attrs.lastModifiedTime().toMillis();
        return Outcome.of(new Article(key, id, file, fingerprint, title, date, updated, categories, tags,
                source, original, summary));
    }

    private OffsetDateTime date(Value value, SourceFile file) throws FieldException {
        String text = scalar(value);
        if (text == null || text.isBlank()) {
            return JekyllDates.fromFileName(file.fileName(), zone).orElseThrow(() ->
                    new FieldException(value == null ? 1 : value.line(),
                            "date is missing and the file name does not start with YYYY-MM-DD-"));
        }
        return JekyllDates.parse(text, zone).orElseThrow(() ->
                new FieldException(value.line(), "date is not a date: '" + text + "'"));
    }

    /** Categories or tags: a space-separated string or a list, as in Jekyll. */
    private static List<String> names(Value value, String field) throws FieldException {
        Set<String> names = new LinkedHashSet<>();
        if (value instanceof Scalar s) {
            if (s.text() != null) {
                for (String part : s.text().trim().split("[\\s\\u3000]+")) {
                    add(names, part);
                }
            }
        } else if (value instanceof Seq seq) {
            for (Value item : seq.items()) {
                if (!(item instanceof Scalar s)) {
                    throw new FieldException(item.line(), field + " must be a list of names, not of lists or mappings");
                }
                if (s.text() != null) {
                    add(names, s.text());
                }
            }
        } else if (value != null) {
            throw new FieldException(value.line(), field + " must be a name, a space-separated string or a list");
        }
        return new ArrayList<>(names);
    }

    private static void add(Set<String> names, String raw) {
        String name = PlainText.of(raw);
        if (!name.isEmpty()) {
            names.add(name);
        }
    }

    private static String requireText(Value value, String field) throws FieldException {
        if (value instanceof Scalar s && s.text() != null) {
            return s.text();
        }
        throw new FieldException(value.line(), field + " must be text");
    }

    private static String scalar(Value value) {
        return value instanceof Scalar s ? s.text() : null;
    }

    /** A front-matter field that cannot be used, at a line. */
    private static final class FieldException extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        FieldException(int line, String message) {
            super(message);
            this.line = line;
        }
    }
}
