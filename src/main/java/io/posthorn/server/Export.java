package io.posthorn.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.posthorn.article.Article;
import io.posthorn.article.UriEncoding;
import io.posthorn.config.Config;
import io.posthorn.index.FeedKey;
import io.posthorn.index.FeedKind;
import io.posthorn.index.IndexSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code posthorn export DIR}: every document the server answers, as static files a plain web
 * server or an object-storage bucket can serve at the same paths: each feed in every format and
 * page, each with its {@code .gz} beside it, every article page, the embeds (JSON, page,
 * script), {@code /opml.xml}, the index page and {@code /topics}, plus {@code manifest.json}
 * (path, content type, ETag, Last-Modified, size of each). The documents are fetched over HTTP
 * from a running server (for the command, one started in this process on a loopback port; for
 * {@code serve --export}, the server itself), so they are the same bytes, ETags and types it
 * serves. Files are written to a temporary name and renamed; a document already exported is asked
 * for with its ETag ({@code If-None-Match}) and rewritten only when it changed, and those that no
 * longer exist are deleted.
 *
 * <p>Layout: a path is written under its percent-decoded name (as nginx's {@code $uri} reads it);
 * {@code /} is {@code index.html}, {@code /topics} is {@code topics/index.html}, an article
 * {@code /articles/{key}} is {@code articles/{key}.html}, page N of a feed ({@code ?page=N}) is
 * the file {@code all.atom.pages/N.atom} (its extension keeps its content type). See
 * {@code docs/deploy/nginx-static.conf}. One {@link #sync} at a time (the manifest is this
 * object's); one {@code Export} per folder.
 */
public final class Export implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Export.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String MANIFEST = "manifest.json";
    static final int PARALLEL = 4;
    /** One document's answer from the server, however large or cold: a hung request fails the pass, not the follower. */
    static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofMinutes(2);
    /** The documents every change may touch (they list every feed or the newest entries). */
    static final List<String> GLOBAL = List.of("/", "/opml.xml", "/topics", "/embed/all.js");

    /** What a run did. */
    public record Result(int documents, int written, int unchanged, int deleted, int failed, long millis) {
    }

    private final Path dir;
    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    // a few documents at once: rendering is what costs, and the server renders in parallel
    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, r -> {
        Thread t = new Thread(r, "posthorn-export");
        t.setDaemon(true);
        return t;
    });
    /** What DIR holds, by path: the manifest as last written (or read at the start). */
    private final Map<String, JsonNode> exported;

    /**
     * @param dir  the folder to keep (created if missing; its manifest, if any, says what it holds)
     * @param base the server to fetch from, e.g. {@code http://127.0.0.1:8080}
     */
    public Export(Path dir, URI base) throws IOException {
        this.dir = dir;
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        Files.createDirectories(dir);
        this.exported = previous(dir);
    }

    /** {@code posthorn export DIR}: indexes the folders, serves them on loopback, exports every document, and stops. */
    public static Result run(Config config, Path dir) throws IOException, InterruptedException {
        long start = System.nanoTime();
        try (Posthorn posthorn = new Posthorn(config)) {
            posthorn.index();
            InetSocketAddress address = posthorn.start("127.0.0.1", 0);
            try (Export export = new Export(dir, URI.create("http://127.0.0.1:" + address.getPort()))) {
                Result r = export.sync(paths(posthorn.snapshot(), config.feeds().entries()), null);
                return new Result(r.documents(), r.written(), r.unchanged(), r.deleted(), r.failed(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    /**
     * Brings the folder in step with {@code paths} (every document the server has now): asks
     * again for those in {@code refresh} (every one when it is null) and for those not exported
     * yet, keeps the others as they are, deletes the exported documents that are no longer in
     * {@code paths} or answer {@code 404}, keeps the copy of one that fails otherwise (counted in
     * {@link Result#failed}), and writes the manifest.
     */
    public Result sync(List<String> paths, Set<String> refresh) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Map<String, JsonNode> before = new LinkedHashMap<>(exported);
        Counts counts = new Counts(paths.size());
        List<Future<JsonNode>> entries = new ArrayList<>(paths.size());
        for (String path : paths) {
            JsonNode old = before.remove(path);
            String name;
            try {
                name = file(path);
            } catch (IllegalArgumentException e) { // an article key no file can be named after
                LOG.warn("export: {} left out: {}", path, e.getMessage());
                continue;
            }
            if (old != null && refresh != null && !refresh.contains(path)) {
                entries.add(CompletableFuture.completedFuture(old));
            } else {
                entries.add(pool.submit(() -> one(path, name, old, counts)));
            }
        }
        Map<String, JsonNode> now = new LinkedHashMap<>();
        try {
            for (Future<JsonNode> f : entries) {
                JsonNode entry = f.get();
                if (entry != null) {
                    now.put(entry.path("path").asText(), entry);
                }
            }
        } catch (ExecutionException e) {
            entries.forEach(f -> f.cancel(true));
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException("export failed: " + c, c);
        } catch (InterruptedException e) {
            entries.forEach(f -> f.cancel(true));
            throw e;
        }
        int deleted = 0;
        for (JsonNode gone : before.values()) {
            deleted += delete(gone) ? 1 : 0;
        }
        ArrayNode manifest = JSON.createArrayNode();
        now.values().forEach(manifest::add);
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.set("documents", manifest);
        write(dir.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        exported.clear();
        exported.putAll(now);
        long ms = (System.nanoTime() - start) / 1_000_000;
        Result r = new Result(now.size(), counts.written.get(), counts.unchanged.get(), deleted, counts.failed.get(), ms);
        LOG.info("exported {} documents into {} in {} ms: {} written, {} unchanged, {} deleted{}", r.documents(), dir,
                ms, r.written(), r.unchanged(), deleted, r.failed() == 0 ? "" : ", " + r.failed() + " failed (kept as they were)");
        return r;
    }

    /** What one sync did so far, counted by the threads that fetch. */
    private record Counts(int total, AtomicInteger written, AtomicInteger unchanged, AtomicInteger failed) {
        Counts(int total) {
            this(total, new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
        }
    }

    /**
     * One document (written as {@code name} in the folder): its manifest entry, written unless
     * the exported one still has the server's ETag; null (and the old files deleted) when it
     * answers 404; the old entry, its copy kept, when it fails otherwise.
     */
    private JsonNode one(String path, String name, JsonNode old, Counts counts) throws IOException, InterruptedException {
        Path file = dir.resolve(name);
        String oldTag = old == null || !Files.exists(file) || !Files.exists(gz(file)) ? null : old.path("etag").asText(null);
        HttpResponse<byte[]> plain = get(path, false, oldTag);
        if (plain.statusCode() == 304 && oldTag != null) {
            counts.unchanged.incrementAndGet();
            return old;
        }
        if (plain.statusCode() == 404 || plain.statusCode() == 410) {
            if (old != null) {
                delete(old); // gone between the listing and the request
            }
            return null;
        }
        if (plain.statusCode() != 200) {
            // a passing failure (a 503 while the server reloads, say) must not take the page off
            // the static host: the exported copy stays, and the pass counts as failed
            counts.failed.incrementAndGet();
            LOG.warn("export: {} answered {}: the exported copy is kept", path, plain.statusCode());
            return old;
        }
        ObjectNode entry = JSON.createObjectNode();
        entry.put("path", path);
        entry.put("file", name);
        entry.put("content_type", plain.headers().firstValue("Content-Type").orElse(""));
        entry.put("etag", plain.headers().firstValue("ETag").orElse(""));
        entry.put("last_modified", plain.headers().firstValue("Last-Modified").orElse(""));
        entry.put("size", plain.body().length);
        HttpResponse<byte[]> gzip = get(path, true, null);
        write(file, plain.body());
        write(gz(file), gzip.body());
        int n = counts.written.incrementAndGet();
        if (n % 5000 == 0) {
            LOG.info("export: {} of {} documents written", n, counts.total());
        }
        return entry;
    }

    /** Deletes an exported document's files; whether there was one. */
    private boolean delete(JsonNode entry) throws IOException {
        Path file = dir.resolve(entry.path("file").asText());
        if (!file.normalize().startsWith(dir.normalize())) {
            return false; // a manifest edited by hand: never outside the folder
        }
        boolean was = Files.deleteIfExists(file);
        Files.deleteIfExists(gz(file));
        return was;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Every path the server answers with a document (not the event streams, the hub or the status pages). */
    static List<String> paths(IndexSnapshot snapshot, int perPage) {
        List<String> paths = new ArrayList<>(GLOBAL);
        List<FeedKey> keys = new ArrayList<>(List.of(FeedKey.ALL));
        for (FeedKind kind : FeedKind.NAMED) {
            for (String name : snapshot.feeds(kind).keySet().stream().sorted().toList()) {
                keys.add(new FeedKey(kind, name));
            }
        }
        for (FeedKey key : keys) {
            paths.addAll(paths(snapshot, perPage, key));
        }
        for (Article a : snapshot.all()) {
            paths.add(articlePath(a));
        }
        return paths;
    }

    /**
     * The documents a change can touch: the global ones, every page and embed of each feed in
     * {@code feeds}, and the pages of {@code articles}.
     */
    static Set<String> touched(IndexSnapshot snapshot, int perPage, Collection<FeedKey> feeds, Collection<Article> articles) {
        Set<String> paths = new LinkedHashSet<>(GLOBAL);
        for (FeedKey key : feeds) {
            paths.addAll(paths(snapshot, perPage, key));
        }
        for (Article a : articles) {
            paths.add(articlePath(a));
        }
        return paths;
    }

    /**
     * One feed's documents: every page in every format, and its embeds. Page by page, the four
     * formats of a page together: they show the same entries, so the bodies cleaned for the first
     * are still in the content cache for the other three (format by format, a long feed's first
     * pages were evicted before the next format came back to them, and every body was cleaned four times).
     */
    private static List<String> paths(IndexSnapshot snapshot, int perPage, FeedKey key) {
        List<String> paths = new ArrayList<>();
        int size = snapshot.entries(key).map(List::size).orElse(0);
        int last = io.posthorn.feed.Paging.pages(size, perPage);
        for (int page = 1; page <= last; page++) {
            for (io.posthorn.feed.Format format : io.posthorn.feed.Format.values()) {
                paths.add("/" + key.path() + "." + format.extension() + (page == 1 ? "" : "?page=" + page));
            }
        }
        for (io.posthorn.embed.EmbedFormat format : io.posthorn.embed.EmbedFormat.values()) {
            // event streams are never documents; the script of all headlines is a global one
            boolean document = format != io.posthorn.embed.EmbedFormat.EVENTS
                    && !(format == io.posthorn.embed.EmbedFormat.SCRIPT && key.kind() == FeedKind.ALL);
            if (document) {
                paths.add("/" + key.pathUnder("embed") + "." + format.extension());
            }
        }
        return paths;
    }

    private static String articlePath(Article a) {
        return "/articles/" + UriEncoding.path(a.key());
    }

    /** The file of a path, relative to the export folder: percent-decoded, as a static server looks it up. */
    static String file(String path) {
        int q = path.indexOf('?');
        String rawPath = q < 0 ? path : path.substring(0, q);
        String decoded = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8).substring(1);
        if (decoded.isEmpty()) {
            decoded = "index.html";
        } else if (decoded.equals("topics")) {
            decoded = "topics/index.html";
        } else if (decoded.startsWith("articles/")) {
            decoded = decoded + ".html";
        }
        for (String segment : decoded.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a file path: " + path);
            }
        }
        if (q < 0) {
            return decoded;
        }
        String page = path.substring(q + 1);
        if (!page.matches("page=[0-9]{1,7}")) {
            throw new IllegalArgumentException("not an exported query: " + path);
        }
        String ext = decoded.substring(decoded.lastIndexOf('.'));
        return decoded + ".pages/" + page.substring(5) + ext; // all.atom?page=2 is all.atom.pages/2.atom
    }

    private static Path gz(Path file) {
        return file.resolveSibling(file.getFileName() + ".gz");
    }

    private HttpResponse<byte[]> get(String path, boolean gzip, String etag) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT);
        if (gzip) {
            r.header("Accept-Encoding", "gzip");
        }
        if (etag != null && !etag.isEmpty()) {
            r.header("If-None-Match", etag);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, JsonNode> previous(Path dir) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Path file = dir.resolve(MANIFEST);
        if (Files.exists(file)) {
            try {
                for (JsonNode n : JSON.readTree(file.toFile()).path("documents")) {
                    out.put(n.path("path").asText(), n);
                }
            } catch (IOException e) {
                LOG.warn("export: cannot read the previous {} ({}): writing everything", file, e.getMessage());
            }
        }
        return out;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        io.posthorn.files.AtomicFile.write(file, bytes);
    }
}
