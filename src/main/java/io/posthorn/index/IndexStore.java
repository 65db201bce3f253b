package io.posthorn.index;

import io.posthorn.article.Article;
import io.posthorn.article.NameLists;
import io.posthorn.article.ArticleReader.Outcome;
import io.posthorn.config.Config;
import io.posthorn.config.SourceConfig;
import io.posthorn.files.AtomicFile;
import io.posthorn.source.Skip;
import io.posthorn.source.SourceFile;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IndexStore.class);
    private static final int MAGIC = 0x50484958; // "PHIX"
    /** Raise it whenever what reading a file gives changes, not only the layout: a store is trusted as it is. */
    private static final int VERSION = 9;
    /** Outcomes per block: blocks are decoded in parallel at a restart. */
    private static final int BLOCK = 8192;

    private final Path file;
    private final String configKey;
    private final String siteId;
    private final List<SourceConfig> sources;

    public IndexStore(Path file, Config config) {
        this.file = file;
        this.configKey = key(config);
        this.siteId = config.site().id();
        this.sources = config.sources();
    }

    public Path file() {
        return file;
    }

    /**
     * The stored outcomes in the order they were written, or empty when there is no usable store
     * (missing, other config, other version, damaged). Blocks are decoded on one thread per core.
     */
    public Optional<List<Outcome>> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ExecutorService pool = null;
        try {
            // mapped, not read into the heap: 200 MB at a million articles would be copied by
            // every young collection of the start, while the articles decoded from it pile up
            ByteBuffer bytes;
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
                bytes = channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, channel.size());
            }
            In in = new In(bytes, null, null);
            if (bytes.remaining() < 8 || in.readInt() != MAGIC) {
                LOG.warn("{} is not an index store: reading the folders", file);
                return Optional.empty();
            }
            int version = in.readInt();
            if (version != VERSION) {
                LOG.info("{} was written by another version of Posthorn (format {}, this one reads {}): reading the folders",
                        file, version, VERSION);
                return Optional.empty();
            }
            if (!in.string().equals(configKey)) {
                LOG.info("{} was written under another configuration (site id, time zone, sources or attribution): reading the folders", file);
                return Optional.empty();
            }
            // the blocks, then the trailer (names, lists, counts), its offset in the file's last 8 bytes
            int blocksStart = bytes.position();
            if (bytes.limit() - blocksStart < 8) {
                throw new IOException("damaged index store: no trailer");
            }
            long trailer = bytes.getLong(bytes.limit() - 8);
            if (trailer < blocksStart || trailer > bytes.limit() - 8) {
                throw new IOException("damaged index store: a trailer at " + trailer);
            }
            ByteBuffer tail = bytes.slice((int) trailer, bytes.limit() - 8 - (int) trailer);
            int count = tail.getInt();
            int blocks = tail.getInt();
            long blockBytes = trailer - blocksStart;
            if (count < 0 || count > blockBytes / 4 || blocks < 0 || blocks > blockBytes / 4) {
                throw new IOException("damaged index store: " + count + " entries in " + blocks + " blocks");
            }
            In trailerIn = new In(tail, null, null);
            int nameCount = trailerIn.readCount();
            String[] names = new String[nameCount];
            for (int i = 0; i < nameCount; i++) {
                names[i] = trailerIn.string().intern();
            }
            In tables = new In(tail, names);
            int listCount = tables.readCount();
            List<List<String>> lists = new ArrayList<>(listCount);
            for (int i = 0; i < listCount; i++) {
                lists.add(NameLists.intern(tables.names()));
            }
            if (tail.hasRemaining()) {
                throw new IOException("damaged index store: " + tail.remaining() + " bytes after the trailer's tables");
            }
            ByteBuffer body = bytes.slice(blocksStart, (int) blockBytes);
            In blocksIn = new In(body, null, null);
            List<ByteBuffer> parts = new ArrayList<>(blocks);
            for (int b = 0; b < blocks; b++) {
                int length = blocksIn.readLength();
                parts.add(body.slice(body.position(), length));
                body.position(body.position() + length);
            }
            if (body.hasRemaining()) {
                throw new IOException("damaged index store: " + body.remaining() + " bytes between the blocks and the trailer");
            }
            int threads = Math.max(1, Math.min(blocks, Runtime.getRuntime().availableProcessors()));
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "posthorn-index-store");
                t.setDaemon(true);
                return t;
            });
            List<Future<List<Outcome>>> decoded = new ArrayList<>(blocks);
            for (ByteBuffer part : parts) {
                decoded.add(pool.submit(() -> block(new In(part, names, lists))));
            }
            List<Outcome> outcomes = new ArrayList<>(count);
            for (Future<List<Outcome>> f : decoded) {
                outcomes.addAll(f.get());
            }
            if (outcomes.size() != count) {
                throw new IOException("damaged index store: " + outcomes.size() + " entries, " + count + " announced");
            }
            return Optional.of(outcomes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (IOException | RuntimeException | ExecutionException | InternalError e) {
            // InternalError: the mapped file was truncated under us
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.warn("{} is damaged ({}): reading the folders", file, cause.toString());
            return Optional.empty();
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private List<Outcome> block(In in) throws IOException {
        int n = in.readCount();
        List<Outcome> outcomes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            outcomes.add(outcome(in));
        }
        if (in.buffer.hasRemaining()) {
            throw new IOException("damaged index store");
        }
        return outcomes;
    }

    /**
     * Replaces the store with {@code outcomes}, in their order (the index writes its articles
     * newest first, so that sorting them again at a restart costs one pass).
     */
    public void write(Iterable<Outcome> outcomes) throws IOException {
        Map<String, Integer> nameIndex = new HashMap<>();
        List<String> names = new ArrayList<>();
        Map<List<String>, Integer> listIndex = new HashMap<>();
        List<List<String>> lists = new ArrayList<>();
        Names table = new Names() {
            @Override
            public int of(String name) {
                return nameIndex.computeIfAbsent(name, n -> {
                    names.add(n);
                    return names.size() - 1;
                });
            }

            @Override
            public int list(List<String> values) {
                values.forEach(this::of);
                return listIndex.computeIfAbsent(values, v -> {
                    lists.add(v);
                    return lists.size() - 1;
                });
            }
        };
        // streamed: one block in memory at a time (a million articles are 180 MB of blocks); the
        // names and lists the blocks refer to are known only at the end, so they go in a trailer
        AtomicFile.write(file, false, stream -> {
            CountingStream counting = new CountingStream(new BufferedOutputStream(stream, 1 << 16));
            DataOutputStream out = new DataOutputStream(counting);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            string(out, configKey);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
            DataOutputStream block = new DataOutputStream(buffer);
            List<Outcome> pending = new ArrayList<>(BLOCK);
            int count = 0;
            int blocks = 0;
            for (Outcome o : outcomes) {
                pending.add(o);
                count++;
                if (pending.size() == BLOCK) {
                    writeBlock(out, block(pending, table, buffer, block));
                    blocks++;
                    pending.clear();
                }
            }
            if (!pending.isEmpty()) {
                writeBlock(out, block(pending, table, buffer, block));
                blocks++;
            }
            out.flush();
            long trailer = counting.count;
            out.writeInt(count);
            out.writeInt(blocks);
            out.writeInt(names.size());
            for (String name : names) {
                string(out, name);
            }
            out.writeInt(lists.size());
            for (List<String> list : lists) {
                out.writeInt(list.size());
                for (String name : list) {
                    out.writeInt(nameIndex.get(name));
                }
            }
            out.writeLong(trailer);
            out.flush();
        });
    }

    private static void writeBlock(DataOutputStream out, byte[] block) throws IOException {
        out.writeInt(block.length);
        out.write(block);
    }

    /** Counts the bytes written through it. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /**
     * Where names (categories, tags, sources, extensions…) and lists of them (categories, securities:
     * few distinct ones) are written once, each record naming them by number.
     */
    private interface Names {
        int of(String name);

        int list(List<String> names);
    }

    private static byte[] block(List<Outcome> outcomes, Names names, ByteArrayOutputStream buffer,
                                DataOutputStream out) throws IOException {
        buffer.reset();
        out.writeInt(outcomes.size());
        for (Outcome o : outcomes) {
            outcome(out, o, names);
        }
        out.flush();
        return buffer.toByteArray();
    }

    private static void outcome(DataOutputStream out, Outcome o, Names names) throws IOException {
        out.writeShort(o.file().source());
        out.writeLong(o.fingerprint());
        Article a = o.article();
        if (a != null && a.keyIsStem()) {
            out.writeByte(1); // an article whose key is its path's stem: the path is the key and an extension
            string(out, a.key());
            out.writeInt(names.of(o.file().relative().substring(a.key().length())));
        } else if (a != null) {
            out.writeByte(2);
            string(out, a.key());
            string(out, o.file().relative());
        } else {
            out.writeByte(0);
            string(out, o.file().relative());
        }
        if (a != null) {
            string(out, a.title());
            out.writeLong(a.publishedSecond());
            out.writeInt(a.publishedNano());
            out.writeInt(a.publishedOffset().getTotalSeconds());
            OffsetDateTime u = a.laterUpdate(); // no date objects made per article
            out.writeBoolean(u == null);
            if (u != null) {
                out.writeLong(u.toEpochSecond());
                out.writeInt(u.getNano());
                out.writeInt(u.getOffset().getTotalSeconds());
            }
            out.writeInt(names.list(a.categories()));
            names(out, a.tags(), names);
            name(out, a.source(), names);
            nullable(out, a.summary());
            name(out, a.author(), names);
            nullable(out, a.link());
            nullable(out, a.slug());
            nullable(out, a.permalink());
            out.writeBoolean(a.floatingDate());
            out.writeInt(names.list(a.stocks()));
            out.writeInt(names.list(a.stockNames()));
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
        if (source < 0 || source >= sources.size()) {
            throw new IOException("damaged index store");
        }
        Path root = sources.get(source).path();
        long fingerprint = in.readLong();
        int kind = in.readByte();
        Article article = null;
        Skip skip = null;
        Instant retryAt = null;
        SourceFile file;
        if (kind == 1 || kind == 2) {
            String key = in.string();
            file = new SourceFile(source, root, kind == 1 ? key + in.name() : in.string());
            String title = in.string();
            long second = in.readLong();
            int nano = in.readInt();
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.readInt()); // cached by the JDK for whole quarter hours
            OffsetDateTime laterUpdate = in.readBoolean() ? null : time(in.readLong(), in.readInt(), in.readInt());
            article = new Article(key, siteId, file, fingerprint, title, second, nano, offset, laterUpdate, in.list(), in.names(),
                    in.nullableName(), in.nullable(), in.nullableName(), in.nullable(), in.nullable(), in.nullable(),
                    in.readBoolean(), in.list(), in.list());
        } else if (kind == 0) {
            file = new SourceFile(source, root, in.string());
            skip = skip(in);
            long at = in.readLong();
            retryAt = at == Long.MIN_VALUE ? null : Instant.ofEpochMilli(at);
        } else {
            throw new IOException("damaged index store");
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
        return new Skip(in.string(), in.readInt(), in.string(), in.readBoolean());
    }

    private static OffsetDateTime time(long second, int nano, int offset) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(second, nano), ZoneOffset.ofTotalSeconds(offset));
    }

    private static void names(DataOutputStream out, List<String> values, Names names) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            out.writeInt(names.of(v));
        }
    }

    private static void name(DataOutputStream out, String value, Names names) throws IOException {
        out.writeInt(value == null ? -1 : names.of(value));
    }

    private static void nullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            string(out, value);
        }
    }

    /** Strings as length and UTF-8 bytes (DataOutput's own format stops at 64 KiB). */
    private static void string(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** The stored bytes, read as {@link DataOutputStream} wrote them (big-endian), names from the table. */
    private static final class In {
        private final ByteBuffer buffer;
        private final String[] names;

        private final List<List<String>> lists;
        /** Where a string's bytes are copied to be decoded (one reader per thread). */
        private byte[] scratch = new byte[256];

        In(ByteBuffer buffer, String[] names) {
            this(buffer, names, null);
        }

        In(ByteBuffer buffer, String[] names, List<List<String>> lists) {
            this.buffer = buffer;
            this.names = names;
            this.lists = lists;
        }

        /** A list from the table of lists (held once when the table was read). */
        List<String> list() {
            return lists.get(buffer.getInt());
        }

        int readInt() {
            return buffer.getInt();
        }

        /**
         * A count of items that follow, each at least four bytes (a string's length, a list's
         * count, a table index): a damaged count fails here, not in allocation.
         */
        int readCount() {
            int n = buffer.getInt();
            if (n < 0 || n > buffer.remaining() / 4) {
                throw new IllegalStateException("damaged index store: a count of " + n + " with "
                        + buffer.remaining() + " bytes left");
            }
            return n;
        }

        /** A length in bytes of what follows. */
        int readLength() {
            int n = buffer.getInt();
            if (n < 0 || n > buffer.remaining()) {
                throw new IllegalStateException("damaged index store: a length of " + n + " with "
                        + buffer.remaining() + " bytes left");
            }
            return n;
        }

        long readLong() {
            return buffer.getLong();
        }

        short readShort() {
            return buffer.getShort();
        }

        byte readByte() {
            return buffer.get();
        }

        boolean readBoolean() {
            return buffer.get() != 0;
        }

        String string() throws IOException {
            int n = buffer.getInt();
            if (n < 0 || n > buffer.remaining()) {
                throw new IOException("damaged index store");
            }
            if (scratch.length < n) {
                scratch = new byte[Math.max(n, 2 * scratch.length)];
            }
            buffer.get(scratch, 0, n);
            return new String(scratch, 0, n, StandardCharsets.UTF_8);
        }

        String nullable() throws IOException {
            return readBoolean() ? string() : null;
        }

        /** A name from the table (interned when the table was read). */
        String name() {
            return names[buffer.getInt()];
        }

        String nullableName() {
            int i = buffer.getInt();
            return i < 0 ? null : names[i];
        }

        List<String> names() {
            int n = readCount();
            String[] values = new String[n];
            for (int i = 0; i < n; i++) {
                values[i] = name();
            }
            return Arrays.asList(values);
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
