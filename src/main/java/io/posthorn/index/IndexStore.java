package io.posthorn.index;

import io.posthorn.article.Article;
import io.posthorn.article.ArticleReader.Outcome;
import io.posthorn.config.Config;
import io.posthorn.config.SourceConfig;
import io.posthorn.files.AtomicFile;
import io.posthorn.source.Skip;
import io.posthorn.source.SourceFile;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The index on disk, so that a restart over 100,000 articles need not read them all before it
 * serves: what every file gave (article or skip) with its fingerprint. It is only a cache: a
 * store written under another configuration (site id, time zone, sources, attribution, limits)
 * or another format version is ignored, and after a start from it the folders are checked and
 * every file whose fingerprint differs is read again through the ordinary update path.
 * Thread-safe: stateless apart from its path; writes go to a temporary file moved into place.
 */
public final class IndexStore {
    private static final int MAGIC = 0x50484958; // "PHIX"
    /** Raise it whenever what reading a file gives changes, not only the layout: a store is trusted as it is. */
    private static final int VERSION = 6;

    private final Path file;
    private final String configKey;
    private final List<SourceConfig> sources;

    public IndexStore(Path file, Config config) {
        this.file = file;
        this.configKey = key(config);
        this.sources = config.sources();
    }

    public Path file() {
        return file;
    }

    /** The stored outcomes, or empty when there is no usable store (missing, other config, other version, damaged). */
    public Optional<List<Outcome>> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            // one read and plain buffer access: a stream's per-call locking made loading twice as slow
            In in = new In(ByteBuffer.wrap(Files.readAllBytes(file)));
            if (in.readInt() != MAGIC || in.readInt() != VERSION || !string(in).equals(configKey)) {
                return Optional.empty();
            }
            int count = in.readCount();
            List<Outcome> outcomes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                outcomes.add(outcome(in));
            }
            return Optional.of(outcomes);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Replaces the store with {@code outcomes}. */
    public void write(Collection<Outcome> outcomes) throws IOException {
        AtomicFile.write(file, false, stream -> {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            string(out, configKey);
            out.writeInt(outcomes.size());
            for (Outcome o : outcomes) {
                outcome(out, o);
            }
            out.flush();
        });
    }

    private void outcome(DataOutputStream out, Outcome o) throws IOException {
        out.writeShort(o.file().source());
        string(out, o.file().relative());
        out.writeLong(o.fingerprint());
        out.writeBoolean(o.article() != null);
        if (o.article() != null) {
            Article a = o.article();
            string(out, a.key());
            string(out, a.id());
            string(out, a.title());
            time(out, a.published());
            time(out, a.updated());
            strings(out, a.categories());
            strings(out, a.tags());
            nullable(out, a.source());
            nullable(out, a.summary());
            nullable(out, a.author());
            nullable(out, a.link());
            nullable(out, a.slug());
            nullable(out, a.permalink());
            out.writeBoolean(a.floatingDate());
            strings(out, a.stocks());
            strings(out, a.stockNames());
        } else {
            skip(out, o.skip());
            out.writeLong(o.retryAt() == null ? Long.MIN_VALUE : o.retryAt().toEpochMilli());
        }
        out.writeInt(o.warnings().size());
        for (Skip w : o.warnings()) {
            skip(out, w);
        }
    }

    private Outcome outcome(In in) throws IOException {
        int source = in.readShort();
        SourceFile file = new SourceFile(source, sources.get(source).path(), string(in));
        long fingerprint = in.readLong();
        Article article = null;
        Skip skip = null;
        Instant retryAt = null;
        if (in.readBoolean()) {
            article = new Article(string(in), string(in), file, fingerprint, string(in), time(in), time(in),
                    strings(in), strings(in), intern(nullable(in)), nullable(in), intern(nullable(in)), nullable(in),
                    nullable(in), nullable(in), in.readBoolean(), strings(in), strings(in));
        } else {
            skip = skip(in);
            long at = in.readLong();
            retryAt = at == Long.MIN_VALUE ? null : Instant.ofEpochMilli(at);
        }
        int warnings = in.readCount();
        List<Skip> ws = new ArrayList<>(warnings);
        for (int i = 0; i < warnings; i++) {
            ws.add(skip(in));
        }
        return new Outcome(file, fingerprint, article, skip, ws, retryAt);
    }

    private static void skip(DataOutputStream out, Skip s) throws IOException {
        string(out, s.file());
        out.writeInt(s.line());
        string(out, s.reason());
        out.writeBoolean(s.ignored());
    }

    private static Skip skip(In in) throws IOException {
        return new Skip(string(in), in.readInt(), string(in), in.readBoolean());
    }

    private static void time(DataOutputStream out, OffsetDateTime t) throws IOException {
        out.writeLong(t.toEpochSecond());
        out.writeInt(t.getNano());
        out.writeInt(t.getOffset().getTotalSeconds());
    }

    private static OffsetDateTime time(In in) {
        Instant instant = Instant.ofEpochSecond(in.readLong(), in.readInt());
        return OffsetDateTime.ofInstant(instant, ZoneOffset.ofTotalSeconds(in.readInt()));
    }

    private static void strings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            string(out, v);
        }
    }

    /** A source name held once however many articles name it. */
    private static String intern(String name) {
        return name == null ? null : name.intern();
    }

    private static List<String> strings(In in) throws IOException {
        int n = in.readCount();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(string(in).intern()); // categories and tags: a few thousand names, each held once
        }
        return values;
    }

    private static void nullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            string(out, value);
        }
    }

    private static String nullable(In in) throws IOException {
        return in.readBoolean() ? string(in) : null;
    }

    /** Strings as length and UTF-8 bytes (DataOutput's own format stops at 64 KiB). */
    private static void string(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String string(In in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 64 << 20 || n > in.buffer.remaining()) {
            throw new IOException("damaged index store");
        }
        return in.utf8(n);
    }

    /** The stored bytes, read as {@link DataOutputStream} wrote them (big-endian). */
    private static final class In {
        private final ByteBuffer buffer;

        In(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        int readInt() {
            return buffer.getInt();
        }

        /** A count of items that follow, each at least one byte: a damaged count fails here, not in allocation. */
        int readCount() {
            int n = buffer.getInt();
            if (n < 0 || n > buffer.remaining()) {
                throw new IllegalStateException("damaged index store");
            }
            return n;
        }

        long readLong() {
            return buffer.getLong();
        }

        short readShort() {
            return buffer.getShort();
        }

        boolean readBoolean() {
            return buffer.get() != 0;
        }

        String utf8(int length) {
            String s = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
            return s;
        }
    }

    /** What a read depends on: a store made under other values is not used. */
    static String key(Config config) {
        StringBuilder k = new StringBuilder();
        k.append(config.site().id()).append('\n').append(config.site().timezone()).append('\n');
        for (SourceConfig s : config.sources()) {
            k.append(s.path()).append('|').append(s.encoding()).append('\n');
            s.clean().attribution().forEach(p -> k.append(p.pattern()).append('\n'));
        }
        k.append(new TreeMap<>(config.attribution())).append('\n');
        config.clean().attribution().forEach(p -> k.append(p.pattern()).append('\n'));
        k.append(config.articles()).append('\n');
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(k.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
