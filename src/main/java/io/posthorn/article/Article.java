package io.posthorn.article;

import io.posthorn.source.SourceFile;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One article as the index holds it: front matter and the facts found cheaply in the body, but
 * not the body itself (re-read on demand). Immutable and thread-safe. All text fields are plain
 * text, free of markup and of XML-illegal characters.
 *
 * <p>A million of these are held at once, so what can be derived is not stored: the entry id
 * (from the site id, the date and the key), the file (its folder is shared; its relative path is
 * the key plus an interned extension unless a front-matter {@code id} set the key), and the
 * dates (epoch seconds and a shared offset instead of four {@code java.time} objects each); the
 * fields most articles leave empty are held apart, and category and security lists go through
 * {@link NameLists}, so the usual few combinations are held once. Equal when every field is equal.
 */
public final class Article {
    private final String key;
    private final String siteId;
    private final Path root;
    /** Index of the source in the configuration. */
    private final short folder;
    /** The relative path after the key (its extension, interned) when {@link #keyed} is false, else the whole relative path. */
    private final String fileRest;
    /** Whether the key is not the relative path's stem (a front-matter id set it). */
    private final boolean keyed;
    private final boolean floatingDate;
    private final long fingerprint;
    private final String title;
    private final long publishedSecond;
    private final int publishedNano;
    private final ZoneOffset publishedOffset;
    private final List<String> categories;
    private final List<String> tags;
    private final String source;
    private final String link;
    /** What most articles do not have (a summary, author, slug, permalink, a later update), or null. */
    private final Extras extras;
    private final List<String> stocks;
    private final List<String> stockNames;

    /**
     * @param key          the article's own key: front-matter {@code id}, else its path under the
     *                     source folder without extension; unique in an index
     * @param siteId       {@code site.id}: the authority of the entry id (see {@link #id()})
     * @param file         where it was read from
     * @param fingerprint  changes whenever the file changes (size and modification time)
     * @param source       the attributed source name, or null when neither the body nor the
     *                     category map names one
     * @param summary      a front-matter {@code summary}/{@code excerpt}, or null
     * @param author       the front-matter {@code author} (names joined by {@code , }), or null: then
     *                     the attribution is the author
     * @param link         the front-matter {@code link}, an absolute http(s) URL of the original
     *                     article (the entry's {@code via}), or null: then the body's autolink is used
     * @param slug         the front-matter {@code slug}, or null (Jekyll's {@code :title} and {@code :slug})
     * @param permalink    the front-matter {@code permalink} (a Jekyll URL template), or null
     * @param floatingDate whether the front-matter date had no offset: Jekyll reads such a YAML
     *                     timestamp as UTC, which its URLs then show in the site's zone
     * @param stocks       the securities it is about, {@code CODE.MARKET} (see {@link Securities})
     * @param stockNames   the name written before each of {@code stocks} here, {@code ""} when none
     */
    public Article(String key, String siteId, SourceFile file, long fingerprint, String title,
                   OffsetDateTime published, OffsetDateTime updated,
                   List<String> categories, List<String> tags,
                   String source, String summary, String author, String link, String slug, String permalink,
                   boolean floatingDate, List<String> stocks, List<String> stockNames) {
        this(key, siteId, file, fingerprint, title, Objects.requireNonNull(published, "published").toEpochSecond(),
                published.getNano(), published.getOffset(), later(published, Objects.requireNonNull(updated, "updated")),
                categories, tags, source, summary, author, link, slug, permalink, floatingDate, stocks, stockNames);
    }

    /**
     * As above, the date given as epoch seconds, nanoseconds and its offset, and {@code
     * laterUpdate} null when the article was not updated after it (as the index store keeps them:
     * no date objects made per article).
     */
    public Article(String key, String siteId, SourceFile file, long fingerprint, String title,
                   long publishedSecond, int publishedNano, ZoneOffset publishedOffset, OffsetDateTime laterUpdate,
                   List<String> categories, List<String> tags,
                   String source, String summary, String author, String link, String slug, String permalink,
                   boolean floatingDate, List<String> stocks, List<String> stockNames) {
        this.key = Objects.requireNonNull(key, "key");
        this.siteId = Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(file, "file");
        this.title = Objects.requireNonNull(title, "title");
        if (file.source() < 0 || file.source() > Short.MAX_VALUE) {
            throw new IllegalArgumentException("source index out of range: " + file.source());
        }
        this.root = file.root();
        this.folder = (short) file.source();
        String relative = file.relative();
        String stem = file.stem();
        this.keyed = !stem.equals(key);
        this.fileRest = keyed ? relative : extension(relative, stem.length());
        this.fingerprint = fingerprint;
        this.publishedSecond = publishedSecond;
        this.publishedNano = publishedNano;
        this.publishedOffset = Objects.requireNonNull(publishedOffset, "publishedOffset");
        this.categories = NameLists.intern(categories);
        this.tags = List.copyOf(tags); // mostly one of a kind: holding them once would not pay
        this.source = source;
        this.link = link;
        this.extras = laterUpdate == null && summary == null && author == null && slug == null && permalink == null ? null
                : new Extras(summary, author, slug, permalink, laterUpdate);
        this.floatingDate = floatingDate;
        if (stocks.size() != stockNames.size()) {
            throw new IllegalArgumentException("one name per stock: " + stocks + " " + stockNames);
        }
        this.stocks = NameLists.intern(stocks);
        this.stockNames = NameLists.intern(stockNames);
        for (int i = 0; i < siteId.length(); i++) {
            if (siteId.charAt(i) <= 0x20 || siteId.charAt(i) >= 0x7F) {
                throw new IllegalArgumentException("site id must be printable ASCII: " + siteId);
            }
        }
    }

    /** {@code updated} when it is another instant or offset than {@code published}, else null. */
    private static OffsetDateTime later(OffsetDateTime published, OffsetDateTime updated) {
        return updated.equals(published) ? null : updated;
    }

    /** The relative path after its stem, held once: the usual extensions without a lookup. */
    private static String extension(String relative, int stemLength) {
        for (String known : EXTENSIONS) {
            if (relative.length() - stemLength == known.length() && relative.endsWith(known)) {
                return known;
            }
        }
        return relative.substring(stemLength).intern();
    }

    private static final String[] EXTENSIONS = {".md", ".html", ".markdown", ".htm"};

    /** An article without front-matter author or link. */
    public Article(String key, String siteId, SourceFile file, long fingerprint, String title,
                   OffsetDateTime published, OffsetDateTime updated, List<String> categories, List<String> tags,
                   String source, String summary) {
        this(key, siteId, file, fingerprint, title, published, updated, categories, tags, source, summary, null, null);
    }

    /** An article without front-matter slug or permalink, its date with an offset. */
    public Article(String key, String siteId, SourceFile file, long fingerprint, String title,
                   OffsetDateTime published, OffsetDateTime updated, List<String> categories, List<String> tags,
                   String source, String summary, String author, String link) {
        this(key, siteId, file, fingerprint, title, published, updated, categories, tags, source, summary, author,
                link, null, null, false, List.of(), List.of());
    }

    public String key() {
        return key;
    }

    /**
     * The entry id: {@code tag:{site.id},{date}:{key}}, the date the published day at its own
     * offset, the key percent-encoded by {@link UriEncoding}; so pure ASCII and independent of
     * the base URL. Built on each call.
     */
    public String id() {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(publishedSecond + publishedOffset.getTotalSeconds(), 86_400L));
        return new StringBuilder(64).append("tag:").append(siteId).append(',')
                .append(day /* ISO yyyy-MM-dd */).append(':').append(UriEncoding.path(key)).toString();
    }

    /** Where it was read from (made on each call). */
    public SourceFile file() {
        return new SourceFile(folder, root, relative());
    }

    /** Index of its source in the configuration. */
    public int folder() {
        return folder;
    }

    /** Its path under the source folder, {@code /}-separated. */
    public String relative() {
        return keyed ? fileRest : key + fileRest;
    }

    /** Whether it was read from {@code relative} in source {@code folder}, compared without building the path. */
    public boolean isFile(int folder, String relative) {
        if (folder != this.folder) {
            return false;
        }
        if (keyed) {
            return fileRest.equals(relative);
        }
        return relative.length() == key.length() + fileRest.length() && relative.startsWith(key)
                && relative.endsWith(fileRest);
    }

    /** Whether the key is its file's stem (no front-matter {@code id} set it). */
    public boolean keyIsStem() {
        return !keyed;
    }

    public long fingerprint() {
        return fingerprint;
    }

    public String title() {
        return title;
    }

    /** The front-matter date (made on each call; compare with {@link #publishedSecond()}). */
    public OffsetDateTime published() {
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(publishedSecond, publishedNano, publishedOffset),
                publishedOffset);
    }

    /** {@code last_modified_at}, never before {@link #published()}; else the date (made on each call). */
    public OffsetDateTime updated() {
        OffsetDateTime later = laterUpdate();
        return later != null ? later : published();
    }

    public long publishedSecond() {
        return publishedSecond;
    }

    public int publishedNano() {
        return publishedNano;
    }

    public ZoneOffset publishedOffset() {
        return publishedOffset;
    }

    /** {@code last_modified_at} when it is another instant or offset than the date, else null. */
    public OffsetDateTime laterUpdate() {
        return extras == null ? null : extras.updated();
    }

    /** {@link #updated()}'s epoch second, without making it. */
    public long updatedSecond() {
        OffsetDateTime later = laterUpdate();
        return later != null ? later.toEpochSecond() : publishedSecond;
    }

    public int updatedNano() {
        OffsetDateTime later = laterUpdate();
        return later != null ? later.getNano() : publishedNano;
    }

    public Instant updatedInstant() {
        OffsetDateTime later = laterUpdate();
        return later != null ? later.toInstant() : Instant.ofEpochSecond(publishedSecond, publishedNano);
    }

    public List<String> categories() {
        return categories;
    }

    public List<String> tags() {
        return tags;
    }

    public String source() {
        return source;
    }

    public String summary() {
        return extras == null ? null : extras.summary();
    }

    public String author() {
        return extras == null ? null : extras.author();
    }

    public String link() {
        return link;
    }

    public String slug() {
        return extras == null ? null : extras.slug();
    }

    public String permalink() {
        return extras == null ? null : extras.permalink();
    }

    public boolean floatingDate() {
        return floatingDate;
    }

    public List<String> stocks() {
        return stocks;
    }

    public List<String> stockNames() {
        return stockNames;
    }

    public Optional<String> sourceName() {
        return Optional.ofNullable(source);
    }

    /** The fields most articles leave empty, held apart so that those cost one reference. */
    private record Extras(String summary, String author, String slug, String permalink, OffsetDateTime updated) {
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Article a && key.equals(a.key) && siteId.equals(a.siteId)
                && root.equals(a.root) && folder == a.folder && keyed == a.keyed && fileRest.equals(a.fileRest)
                && fingerprint == a.fingerprint && title.equals(a.title)
                && publishedSecond == a.publishedSecond && publishedNano == a.publishedNano
                && publishedOffset.equals(a.publishedOffset) && Objects.equals(extras, a.extras)
                && categories.equals(a.categories) && tags.equals(a.tags) && Objects.equals(source, a.source)
                && Objects.equals(link, a.link) && floatingDate == a.floatingDate
                && stocks.equals(a.stocks) && stockNames.equals(a.stockNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, folder, fileRest, fingerprint, title, publishedSecond);
    }

    @Override
    public String toString() {
        return "Article[" + key + " in " + folder + ":" + relative() + ", " + published() + ", " + title + "]";
    }
}
