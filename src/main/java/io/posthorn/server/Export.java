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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code posthorn export DIR}: every document the server answers, as static files a plain web
 * server or an object-storage bucket can serve at the same paths: each feed in every format and
 * page, each with its {@code .gz} beside it, every article page, the embeds (JSON, page,
 * script), {@code /opml.xml}, the index page and {@code /topics}, plus {@code manifest.json}
 * (path, content type, ETag, Last-Modified, size of each). The documents are fetched from the
 * server itself, started in this process on a loopback port, so they are the same bytes, ETags and
 * types it serves. Files are written to a temporary name and renamed; a second run rewrites only
 * the documents whose ETag changed and deletes those that no longer exist.
 *
 * <p>Layout: a path is written under its percent-decoded name (as nginx's {@code $uri} reads it);
 * {@code /} is {@code index.html}, {@code /topics} is {@code topics/index.html}, an article
 * {@code /articles/{key}} is {@code articles/{key}.html}, page N of a feed ({@code ?page=N}) is
 * the file {@code all.atom.pages/N.atom} (its extension keeps its content type). See
 * {@code docs/deploy/nginx-static.conf}. Not thread-safe: one run at a time per folder.
 */
public final class Export {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Export.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String MANIFEST = "manifest.json";
    static final int PARALLEL = 4;

    /** What a run did. */
    public record Result(int documents, int written, int unchanged, int deleted, long millis) {
    }

    private Export() {
    }

    public static Result run(Config config, Path dir) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Files.createDirectories(dir);
        try (Posthorn posthorn = new Posthorn(config)) {
            posthorn.index();
            InetSocketAddress address = posthorn.start("127.0.0.1", 0);
            URI base = URI.create("http://127.0.0.1:" + address.getPort());
            List<String> paths = paths(posthorn.snapshot(), config.feeds().entries());
            Map<String, JsonNode> before = previous(dir);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // a few documents at once: rendering is what costs, and the server renders in parallel
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(PARALLEL);
            java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger unchanged = new java.util.concurrent.atomic.AtomicInteger();
            List<java.util.concurrent.Future<ObjectNode>> entries = new ArrayList<>(paths.size());
            for (String path : paths) {
                JsonNode old = before.remove(path);
                entries.add(pool.submit(() -> one(client, base, dir, path, old, written, unchanged, paths.size())));
            }
            pool.shutdown();
            ArrayNode manifest = JSON.createArrayNode();
            try {
                for (java.util.concurrent.Future<ObjectNode> f : entries) {
                    ObjectNode entry = f.get();
                    if (entry != null) {
                        manifest.add(entry);
                    }
                }
            } catch (java.util.concurrent.ExecutionException e) {
                pool.shutdownNow();
                Throwable c = e.getCause();
                throw c instanceof IOException io ? io : new IOException("export failed: " + c, c);
            }
            int deleted = 0;
            for (JsonNode gone : before.values()) {
                Path file = dir.resolve(gone.path("file").asText());
                if (file.normalize().startsWith(dir.normalize())) {
                    deleted += Files.deleteIfExists(file) ? 1 : 0;
                    Files.deleteIfExists(gz(file));
                }
            }
            ObjectNode root = JSON.createObjectNode();
            root.put("version", 1);
            root.set("documents", manifest);
            write(dir.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            long ms = (System.nanoTime() - start) / 1_000_000;
            Result r = new Result(manifest.size(), written.get(), unchanged.get(), deleted, ms);
            LOG.info("exported {} documents into {} in {} ms: {} written, {} unchanged, {} deleted", r.documents(), dir,
                    ms, r.written(), r.unchanged(), deleted);
            return r;
        }
    }

    /** One document: its manifest entry, written unless the previous export has the same ETag; null when it is not a 200. */
    private static ObjectNode one(HttpClient client, URI base, Path dir, String path, JsonNode old,
                                  java.util.concurrent.atomic.AtomicInteger written,
                                  java.util.concurrent.atomic.AtomicInteger unchanged, int total)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> plain = get(client, base, path, false);
        if (plain.statusCode() != 200) {
            LOG.warn("export: {} answered {}: left out", path, plain.statusCode());
            return null;
        }
        String etag = plain.headers().firstValue("ETag").orElse("");
        Path file = dir.resolve(file(path));
        ObjectNode entry = JSON.createObjectNode();
        entry.put("path", path);
        entry.put("file", file(path));
        entry.put("content_type", plain.headers().firstValue("Content-Type").orElse(""));
        entry.put("etag", etag);
        entry.put("last_modified", plain.headers().firstValue("Last-Modified").orElse(""));
        entry.put("size", plain.body().length);
        if (old != null && old.path("etag").asText().equals(etag) && Files.exists(file) && Files.exists(gz(file))) {
            unchanged.incrementAndGet();
            return entry;
        }
        HttpResponse<byte[]> gzip = get(client, base, path, true);
        write(file, plain.body());
        write(gz(file), gzip.body());
        int n = written.incrementAndGet();
        if (n % 5000 == 0) {
            LOG.info("export: {} of {} documents written", n, total);
        }
        return entry;
    }

    /** Every path the server answers with a document (not the event streams, the hub or the status pages). */
    static List<String> paths(IndexSnapshot snapshot, int perPage) {
        List<String> paths = new ArrayList<>(List.of("/", "/opml.xml", "/topics", "/embed/all.js"));
        List<FeedKey> keys = new ArrayList<>(List.of(FeedKey.ALL));
        for (FeedKind kind : FeedKind.NAMED) {
            for (String name : snapshot.feeds(kind).keySet().stream().sorted().toList()) {
                keys.add(new FeedKey(kind, name));
            }
        }
        for (FeedKey key : keys) {
            int size = snapshot.entries(key).map(List::size).orElse(0);
            int last = Math.max(1, (size + perPage - 1) / perPage);
            for (String ext : new String[] {"atom", "rss", "json", "html"}) {
                paths.add("/" + key.path() + "." + ext);
                for (int page = 2; page <= last; page++) {
                    paths.add("/" + key.path() + "." + ext + "?page=" + page);
                }
            }
            paths.add("/" + key.pathUnder("embed") + ".json");
            paths.add("/" + key.pathUnder("embed") + ".html");
            if (key.kind() != FeedKind.ALL) {
                paths.add("/" + key.pathUnder("embed") + ".js");
            }
        }
        for (Article a : snapshot.all()) {
            paths.add("/articles/" + UriEncoding.path(a.key()));
        }
        return paths;
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

    private static HttpResponse<byte[]> get(HttpClient client, URI base, String path, boolean gzip)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path));
        if (gzip) {
            r.header("Accept-Encoding", "gzip");
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
