package io.posthorn.article;

import io.posthorn.clean.Attribution;
import io.posthorn.clean.PlainText;
import io.posthorn.config.ArticlesConfig;
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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ArticleReader.class);
    private static final Duration FUTURE_GRACE = Duration.ofDays(1);
    private static final Duration UNEXPECTED_RETRY = Duration.ofHours(1);
    private static final java.util.regex.Pattern FULL_TIMESTAMP = java.util.regex.Pattern.compile(
            "\\d{4}-\\d\\d?-\\d\\d?(?:[Tt]|[ \\t]+)\\d\\d?:\\d\\d:\\d\\d(?:\\.\\d*)?");

    private final String siteId;
    private final ZoneId zone;
    private final Map<String, String> attribution;
    private final List<Attribution> bodyAttribution; // per source: its cleaning rules may add patterns
    private final ArticlesConfig limits;
    private final List<Charset> encodings;
    private final Clock clock;

    /**
     * Outcome of reading one file: exactly one of {@code article} and {@code skip} is set.
     *
     * @param fingerprint size and modification time when read (-1 if unknown): a changed file has another
     * @param warnings    problems that did not stop the article (dropped tags, …)
     * @param retryAt     for a file skipped because its date is in the future, when it stops being
     *                    so and must be read again even if it does not change; otherwise null
     */
    public record Outcome(SourceFile file, long fingerprint, Article article, Skip skip, List<Skip> warnings,
                          Instant retryAt) {
        public Outcome {
            warnings = List.copyOf(warnings);
        }

        public Outcome(SourceFile file, long fingerprint, Article article, Skip skip, List<Skip> warnings) {
            this(file, fingerprint, article, skip, warnings, null);
        }
    }

    public ArticleReader(Config config) {
        this(config, Clock.systemUTC());
    }

    /** @param clock decides which dates are in the future */
    public ArticleReader(Config config, Clock clock) {
        this.siteId = config.site().id();
        this.zone = config.site().timezone();
        this.attribution = config.attribution();
        this.bodyAttribution = config.sources().stream().map(s -> new Attribution(s.clean())).toList();
        this.limits = config.articles();
        this.encodings = config.sources().stream().map(s -> s.encoding()).toList();
        this.clock = clock;
    }

    /** Reads and types {@code file}. */
    public Outcome read(SourceFile file) {
        return read(file, null);
    }

    /** Reads and types {@code file}, whose attributes a scan has just read (or null to read them now). */
    public Outcome read(SourceFile file, BasicFileAttributes known) {
        Path path = file.path();
        BasicFileAttributes attrs = known;
        try {
            if (attrs == null) {
                attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            return skip(file, -1, 0, "cannot read: " + e.getMessage(), false);
        }
        long fingerprint = fingerprint(attrs);
        if (!attrs.isRegularFile()) {
            return skip(file, fingerprint, 0, "ignored: not a regular file", true);
        }
        if (attrs.size() > limits.maxBytes()) {
            return tooLarge(file, fingerprint);
        }
        try {
            return readAndParse(file, fingerprint, attrs);
        } catch (RuntimeException | StackOverflowError e) {
            // a fault of this reader on one odd file must not stop the start-up or an update: skip
            // the file, say why, and try it again in an hour (the fault may pass, or a fixed
            // version may run by then, even from the index store) or when it changes
            LOG.error("{}: cannot read (an unexpected error, please report it)", path, e);
            return new Outcome(file, fingerprint, null,
                    new Skip(path.toString(), 0, "cannot read: unexpected " + e, false), List.of(),
                    clock.instant().plus(UNEXPECTED_RETRY));
        }
    }

    private Outcome readAndParse(SourceFile file, long fingerprint, BasicFileAttributes attrs) {
        Path path = file.path();
        String text;
        List<Securities.Found> securities;
        try {
            Charset charset = charset(file);
            ReadBuffer buffer = BUFFERS.get();
            if (!buffer.read(path, attrs.size(), limits.maxBytes())) {
                return tooLarge(file, fingerprint); // it grew since its size was read
            }
            byte[] bytes = buffer.bytes;
            int length = buffer.length;
            text = HeadAndTail.excerpt(bytes, length, charset)
                    .orElseGet(() -> TextDecoder.decode(Arrays.copyOf(bytes, length), charset));
            // the codes are ASCII: found in the bytes, with only the few bytes before each decoded
            securities = Securities.scan(bytes, length, charset);
        } catch (IOException e) {
            return skip(file, fingerprint, 0, "cannot read: " + e.getMessage(), false);
        }
        return parse(file, fingerprint, text, securities);
    }

    private static final ThreadLocal<ReadBuffer> BUFFERS = ThreadLocal.withInitial(ReadBuffer::new);

    /**
     * One thread's buffer for whole files: indexing reads 100,000 of them, and a new array per file
     * was much of its garbage. Holds the last file read until the next read on the same thread.
     */
    private static final class ReadBuffer {
        private static final int KEEP_BYTES = 256 * 1024;
        private byte[] kept = new byte[16 * 1024];
        byte[] bytes;
        int length;

        /** Reads the file whole into {@code bytes[0, length)}; false when it holds more than {@code max} bytes. */
        boolean read(Path path, long expected, long max) throws IOException {
            bytes = expected < kept.length ? kept : keep(new byte[(int) Math.min(max + 1, expected + 1)]);
            length = 0;
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                while (true) {
                    if (length == bytes.length) { // the file grew since its size was read
                        if (length > max) {
                            return false;
                        }
                        bytes = keep(Arrays.copyOf(bytes, (int) Math.min(max + 1, 2L * length)));
                    }
                    int n = channel.read(ByteBuffer.wrap(bytes, length, bytes.length - length));
                    if (n < 0) {
                        return length <= max;
                    }
                    length += n;
                }
            }
        }

        private byte[] keep(byte[] array) {
            if (array.length <= KEEP_BYTES) {
                kept = array;
            }
            return array;
        }
    }

    private Attribution attributionOf(SourceFile file) {
        return file.source() < bodyAttribution.size() ? bodyAttribution.get(file.source()) : bodyAttribution.get(0);
    }

    /** The charset configured for the file's source, or null to detect it. */
    private Charset charset(SourceFile file) {
        return file.source() < encodings.size() ? encodings.get(file.source()) : null;
    }

    /** Now, by the clock that decides which dates are in the future. */
    public Instant now() {
        return clock.instant();
    }

    /** The fingerprint the file would have now: compare with {@link Outcome#fingerprint()} to spot a change. */
    public static long fingerprint(BasicFileAttributes attrs) {
        return attrs.size() * 1_000_003L + attrs.lastModifiedTime().toMillis();
    }

    private Outcome parse(SourceFile file, long fingerprint, String text, List<Securities.Found> securities) {
        FrontMatter fm;
        try {
            Optional<FrontMatter> split = FrontMatter.split(text);
            if (split.isEmpty()) {
                return skip(file, fingerprint, 1, "ignored: no front matter (does not start with '---')", true);
            }
            fm = split.get();
        } catch (IllegalArgumentException e) {
            return skip(file, fingerprint, 1, e.getMessage(), false);
        }
        MapValue fields;
        try {
            Optional<Value> root = YamlTree.parse(fm.yaml(), MAX_FRONT_MATTER_CHARS, 1);
            if (root.isEmpty()) {
                return skip(file, fingerprint, 2, "title is missing or empty (the front matter is empty)", false);
            }
            if (!(root.get() instanceof MapValue map)) {
                return skip(file, fingerprint, 2, "front matter is not a mapping of keys to values", false);
            }
            fields = map;
        } catch (YamlTree.YamlException e) {
            return skip(file, fingerprint, e.line(), "bad front matter: " + e.getMessage(), false);
        }
        try {
            List<Skip> warnings = new ArrayList<>();
            return build(file, fingerprint, fields, fm.body(), warnings, securities);
        } catch (FieldException e) {
            Skip skip = new Skip(file.path().toString(), e.line, e.getMessage(), e.ignored);
            return new Outcome(file, fingerprint, null, skip, List.of(), e.retryAt);
        }
    }

    private Outcome tooLarge(SourceFile file, long fingerprint) {
        return skip(file, fingerprint, 0, "file larger than " + (limits.maxBytes() >> 10) + " KiB (articles.max_kb)",
                false);
    }

    private static Outcome skip(SourceFile file, long fingerprint, int line, String reason, boolean ignored) {
        return new Outcome(file, fingerprint, null, new Skip(file.path().toString(), line, reason, ignored), List.of());
    }

    /**
     * What cleaning needs of an article's file, read when its content is wanted.
     *
     * @param excerptSeparator the front-matter {@code excerpt_separator}, or null
     */
    public record Body(String text, String excerptSeparator) {
    }

    /** The current body of an article's file and its excerpt separator, or empty if it no longer has front matter. */
    public Optional<Body> readContent(SourceFile file) throws IOException {
        String text = TextDecoder.decode(Files.readAllBytes(file.path()), charset(file));
        Optional<FrontMatter> split;
        try {
            split = FrontMatter.split(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (split.isEmpty()) {
            return Optional.empty();
        }
        String separator = null;
        if (split.get().yaml().contains("excerpt_separator")) { // rare: parse the front matter again only then
            try {
                Optional<Value> root = YamlTree.parse(split.get().yaml(), MAX_FRONT_MATTER_CHARS, 1);
                if (root.isPresent() && root.get() instanceof MapValue map) {
                    String raw = scalar(map.entries().get("excerpt_separator"));
                    separator = raw == null || raw.isEmpty() ? null : raw;
                }
            } catch (YamlTree.YamlException e) {
                // the file was read fine at indexing; a broken edit since is the next update's to report
            }
        }
        return Optional.of(new Body(split.get().body(), separator));
    }

    /** The current body of an article's file, or empty if it no longer has front matter. */
    public Optional<String> readBody(SourceFile file) throws IOException {
        return readContent(file).map(Body::text);
    }

    private Outcome build(SourceFile file, long fingerprint, MapValue fields, String body, List<Skip> warnings,
                          List<Securities.Found> securities)
            throws FieldException {
        Map<String, Value> f = fields.entries();
        String published = scalar(f.get("published"));
        if (published != null && JEKYLL_FALSE.contains(published.strip().toLowerCase(java.util.Locale.ROOT))) {
            throw new FieldException(f.get("published").line(),
                    "ignored: not published (published: " + published.strip() + ")", true);
        }
        Value titleValue = f.get("title");
        String title = titleValue == null ? null : PlainText.of(requireText(titleValue, "title"));
        if (title == null || title.isEmpty()) {
            throw new FieldException(titleValue == null ? fields.line() : titleValue.line(), "title is missing or empty");
        }
        OffsetDateTime date = date(f.get("date"), file);
        if (!limits.future() && date.toInstant().isAfter(clock.instant().plus(FUTURE_GRACE))) {
            throw inTheFuture(date, f.get("date"));
        }
        OffsetDateTime updated = date;
        Value modified = f.get("last_modified_at");
        if (modified != null && scalar(modified) != null) {
            updated = JekyllDates.parse(scalar(modified), zone).orElseThrow(() ->
                    new FieldException(modified.line(), "last_modified_at is not a date: '" + scalar(modified) + "'"));
            if (updated.isBefore(date)) {
                updated = date;
            }
        }
        // Jekyll reads both keys and merges them
        Value categoriesValue = f.containsKey("categories") ? f.get("categories") : f.get("category");
        List<String> categoryNames = names(f.get("categories"), "categories");
        for (String c : names(f.get("category"), "category")) {
            if (!categoryNames.contains(c)) {
                categoryNames.add(c);
            }
        }
        List<String> categories = capped(file, categoryNames, categoriesValue, "categories", warnings);
        List<String> tags = capped(file, names(f.get("tags"), "tags"), f.get("tags"), "tags", warnings);

        String key = file.stem();
        Value idValue = f.get("id");
        if (idValue != null && scalar(idValue) != null && !scalar(idValue).isBlank()) {
            key = PlainText.of(scalar(idValue));
        }
        String source = text(f.get("source"));
        source = source != null ? source.intern() : attributionOf(file).find(body).map(String::intern).orElse(null);
        for (int i = 0; source == null && i < categories.size(); i++) {
            source = attribution.get(categories.get(i));
        }
        String summary = scalar(f.containsKey("summary") ? f.get("summary") : f.get("excerpt"));
        String author = author(f.get("author"));
        String link = link(f.get("link"), file, warnings);
        String slug = text(f.get("slug"));
        String permalink = scalar(f.get("permalink"));
        permalink = permalink == null || permalink.isBlank() ? null : xmlLegal(permalink.strip());
        String dateText = scalar(f.get("date"));
        // YAML (Psych) reads only a full timestamp, seconds included, as a time, and one without an
        // offset as UTC; a date alone or without seconds goes through Ruby's Time.parse in the site's zone
        boolean floating = dateText != null && f.get("date") instanceof Scalar ds && !ds.quoted()
                && FULL_TIMESTAMP.matcher(dateText.strip()).matches() && !JekyllDates.hasOffset(dateText);
        List<String> stocks = new ArrayList<>();
        List<String> stockNames = new ArrayList<>();
        stocks(f.get("stocks"), securities, file, warnings, stocks, stockNames);
        Article article = new Article(key, siteId, file, fingerprint, title, date, updated, categories, tags,
                source, summary, author == null ? null : author.intern(), link, slug, permalink, floating,
                stocks, stockNames);
        return new Outcome(file, fingerprint, article, null, warnings);
    }

    /** The words YAML 1.1 (Jekyll's reader) takes for false, in any case; only boolean fields take them. */
    private static final Set<String> JEKYLL_FALSE = Set.of("false", "no", "off", "n");

    /** Text without XML-illegal characters, but otherwise as written (a URL template). */
    private static String xmlLegal(String text) {
        return io.posthorn.clean.XmlText.legal(text);
    }

    /** A scalar as plain text, or null when absent or empty. */
    private static String text(Value value) {
        String raw = scalar(value);
        if (raw == null) {
            return null;
        }
        String plain = PlainText.of(raw);
        return plain.isEmpty() ? null : plain;
    }

    /** {@code author}: a name, a list of names, or a mapping with {@code name} (as Jekyll themes read it). */
    private static String author(Value value) {
        if (value instanceof Seq seq) {
            List<String> names = new ArrayList<>();
            for (Value item : seq.items()) {
                String name = author(item);
                if (name != null && !names.contains(name)) {
                    names.add(name);
                }
            }
            return names.isEmpty() ? null : String.join(", ", names);
        }
        if (value instanceof MapValue map) {
            return text(map.entries().get("name"));
        }
        return text(value);
    }

    /**
     * The article's securities: a front-matter {@code stocks} list wins (names from the body where
     * it writes them); else what the body and title name. Codes and names are interned: a few
     * thousand stand for many uses.
     */
    private void stocks(Value value, List<Securities.Found> found, SourceFile file, List<Skip> warnings,
                        List<String> codes, List<String> names) throws FieldException {
        Map<String, String> written = new java.util.LinkedHashMap<>();
        for (Securities.Found f : found) {
            written.put(f.code(), f.name());
        }
        if (value != null) {
            for (String raw : names(value, "stocks")) {
                String code = Securities.normalise(raw);
                if (code == null) {
                    warnings.add(new Skip(file.path().toString(), value.line(), "stocks: '" + raw
                            + "' is not a code such as MSFT.US, 00700.HK, 601012.SH, 002371.SZ or 430047.BJ", false));
                } else if (!codes.contains(code)) {
                    codes.add(code.intern());
                    names.add(PlainText.of(written.getOrDefault(code, "")).intern());
                }
            }
            return;
        }
        for (Map.Entry<String, String> e : written.entrySet()) {
            if (codes.size() >= limits.maxTags()) {
                break;
            }
            codes.add(e.getKey().intern());
            names.add(PlainText.of(e.getValue()).intern());
        }
    }

    /** {@code link}: the original article, only as an absolute http(s) URL. */
    private static String link(Value value, SourceFile file, List<Skip> warnings) {
        String raw = scalar(value);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Optional<String> url = io.posthorn.clean.OriginalLink.safeHttpUrl(raw);
        if (url.isPresent()) {
            return url.get();
        }
        warnings.add(new Skip(file.path().toString(), value.line(), "link ignored: not an absolute http(s) URL", false));
        return null;
    }

    private static FieldException inTheFuture(OffsetDateTime date, Value value) {
        FieldException e = new FieldException(value != null ? value.line() : 1,
                "date " + date + " is in the future (set articles.future: true to serve it)");
        e.retryAt = date.toInstant().minus(FUTURE_GRACE);
        return e;
    }

    /** Drops names that are too long and names past the per-article cap, each with a warning. */
    private List<String> capped(SourceFile file, List<String> names, Value value, String field, List<Skip> warnings) {
        List<String> kept = new ArrayList<>();
        int line = value == null ? 0 : value.line();
        for (String name : names) {
            if (name.codePointCount(0, name.length()) > limits.maxNameChars()) {
                warnings.add(new Skip(file.path().toString(), line, "dropped a " + field + " name longer than "
                        + limits.maxNameChars() + " characters (articles.max_tag_chars)", false));
            } else if (kept.size() >= limits.maxTags()) {
                warnings.add(new Skip(file.path().toString(), line, "kept the first " + limits.maxTags() + " " + field
                        + " of " + names.size() + " (articles.max_tags)", false));
                break;
            } else {
                kept.add(name);
            }
        }
        return kept;
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
                splitNames(names, s.text());
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

    /** Adds the parts of a space-separated string (ASCII and ideographic spaces). */
    private static void splitNames(Set<String> names, String text) {
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean separator = i == text.length() || isNameSeparator(text.charAt(i));
            if (separator && start >= 0) {
                add(names, text.substring(start, i));
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
    }

    /** {@code [\\s\\u3000]} of {@link java.util.regex.Pattern} without flags. */
    private static boolean isNameSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == '\u3000';
    }

    private static void add(Set<String> names, String raw) {
        String name = PlainText.of(raw);
        if (!name.isEmpty()) {
            // a few thousand names stand for a quarter of a million uses at 100,000 articles: hold each once
            names.add(name.intern());
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
        final boolean ignored;
        Instant retryAt;

        FieldException(int line, String message) {
            this(line, message, false);
        }

        FieldException(int line, String message, boolean ignored) {
            super(message, null, false, false);
            this.line = line;
            this.ignored = ignored;
        }
    }
}
