package io.posthorn.bench;

import io.posthorn.config.ConfigLoader;
import io.posthorn.server.Posthorn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures freshness: the time from an article file appearing in a watched folder (written
 * completely) until a reader polling its category feed sees it. Runs a real server over a
 * generated corpus and reports median, 95th percentile and maximum over SAMPLES files.
 * <pre>
 * mvn -q -DskipTests package test-compile
 * java -cp "target/test-classes:target/posthorn.jar" io.posthorn.bench.FreshnessBenchmark [ARTICLES=10000] [SAMPLES=40]
 * </pre>
 */
public final class FreshnessBenchmark {
    private FreshnessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Path dir = Files.createTempDirectory("posthorn-fresh");
        CorpusGenerator.generate(dir, articles, 42);
        Posthorn posthorn = new Posthorn(ConfigLoader.load(dir.resolve("feeds.yml")));
        posthorn.index();
        posthorn.follow();
        int port = posthorn.start("127.0.0.1", 0).getPort();
        HttpClient client = HttpClient.newHttpClient();
        URI feed = URI.create("http://127.0.0.1:" + port + "/feeds/categories/freshness.atom");
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            String marker = "fresh-" + i + "-" + System.nanoTime();
            Path file = dir.resolve("articles/freshness/2024-01-01-" + marker + ".md");
            Files.createDirectories(file.getParent());
            String text = "---\ntitle: \"新鲜度测试 " + marker + "\"\ndate: 2024-01-01 10:00:%02d +0800\n".formatted(i % 60)
                    + "categories: freshness\ntags: 测试\n---\n<p>正文。</p><p class=\"em_media\">（文章来源：测试社）</p>\n";
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(temp, text);
            long start = System.nanoTime();
            Files.move(temp, file); // appears whole, as a deploy tool writes it
            while (true) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(feed).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (r.statusCode() == 200 && r.body().contains(marker)) {
                    break;
                }
                if (System.nanoTime() - start > 30_000_000_000L) {
                    throw new IllegalStateException("not visible after 30 s: " + marker);
                }
                Thread.sleep(2);
            }
            millis.add((System.nanoTime() - start) / 1_000_000);
            Thread.sleep(300); // let the debounce window close, so samples are independent
        }
        posthorn.close();
        Collections.sort(millis);
        System.out.printf("freshness over %d articles, %d samples: median %d ms, p95 %d ms, max %d ms%n", articles,
                samples, millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
                millis.get(millis.size() - 1));
        System.exit(0);
    }
}
