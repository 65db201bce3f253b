package io.posthorn.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A WebSub subscriber for tests: a real HTTP server on a free loopback port whose callback
 * paths confirm (or refuse) verifications and answer deliveries as a test says, remembering
 * every verification and delivery with its headers and body.
 */
public final class Subscriber implements AutoCloseable {
    /** A verification request: its query parameters. */
    public record Verification(String path, Map<String, String> params) {
    }

    /** A content delivery: headers in lower case, the body, when it arrived. */
    public record Delivery(String path, Map<String, String> headers, byte[] body, long nanos) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** How a callback answers a delivery: the status for the n-th (0-based) delivery, or -1 to hang. */
    @FunctionalInterface
    public interface Answer {
        int status(int n);
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Verification> verifications = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Boolean> refuse = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Boolean> stall = new java.util.concurrent.ConcurrentHashMap<>();

    public Subscriber() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The callback URL of {@code path}. */
    public String callback(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Deliveries to {@code path} answer with {@code answer}; the default is 200. */
    public Subscriber answering(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    /** Verifications of {@code path} send their headers, then nothing: the hub must give up on its own. */
    public Subscriber stalling(String path) {
        stall.put(path, true);
        return this;
    }

    /** Verifications of {@code path} are answered 404, as a subscriber that did not ask would. */
    public Subscriber refusing(String path) {
        refuse.put(path, true);
        return this;
    }

    public List<Verification> verifications(String path) {
        return verifications.stream().filter(v -> v.path().equals(path)).toList();
    }

    public List<Delivery> deliveries(String path) {
        return deliveries.stream().filter(d -> d.path().equals(path)).toList();
    }

    /** Delivery attempts seen on {@code path}, answered or not. */
    public int attempts(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        try {
            if (exchange.getRequestMethod().equals("GET")) {
                Map<String, String> params = new LinkedHashMap<>();
                String q = exchange.getRequestURI().getRawQuery();
                for (String pair : q == null ? new String[0] : q.split("&")) {
                    int eq = pair.indexOf('=');
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
                verifications.add(new Verification(path, params));
                if (stall.containsKey(path)) {
                    exchange.sendResponseHeaders(200, 100);
                    exchange.getResponseBody().flush();
                    Thread.sleep(60_000);
                    return;
                }
                if (refuse.containsKey(path) || params.get("hub.challenge") == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    byte[] echo = params.get("hub.challenge").getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, echo.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(echo);
                    }
                }
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
            int status = answers.getOrDefault(path, i -> 200).status(n);
            if (status < 0) {
                Thread.sleep(60_000); // hangs: the hub must give up on its own
                return;
            }
            if (status >= 200 && status < 300) {
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
                deliveries.add(new Delivery(path, headers, body, System.nanoTime()));
            }
            exchange.sendResponseHeaders(status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the hub went away (its timeout): that is the point of some tests
        } finally {
            exchange.close();
        }
    }

    /** Asks {@code hub} for a subscription (or its end); the hub's status and reason. */
    public static HttpResponse<String> request(URI hub, String mode, String topic, String callback, String... more) {
        StringBuilder form = new StringBuilder("hub.mode=" + mode + "&hub.topic=" + enc(topic) + "&hub.callback=" + enc(callback));
        for (int i = 0; i + 1 < more.length; i += 2) {
            form.append('&').append(more[i]).append('=').append(enc(more[i + 1]));
        }
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(hub)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The {@code X-Hub-Signature} a hub must send for {@code body} with {@code secret}. */
    public static String signature(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** Whether two signatures are equal, compared in constant time as a subscriber should. */
    public static boolean sameSignature(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
