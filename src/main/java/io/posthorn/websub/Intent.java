package io.posthorn.websub;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Verification of intent (WebSub 5.3): a GET of the callback carrying {@code hub.mode},
 * {@code hub.topic}, a random {@code hub.challenge} (24 bytes) and, to subscribe,
 * {@code hub.lease_seconds}; confirmed only by a 2xx whose body is the challenge. The whole answer
 * is bounded: the timeout covers the body too, and at most 1 KiB of it is read. No redirect is
 * followed. Blocking; thread-safe.
 */
final class Intent {
    private final Duration timeout;
    private final HttpClient client;
    private final SecureRandom random = new SecureRandom();

    Intent(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    static String mode(Hub.Mode mode) {
        return mode == Hub.Mode.SUBSCRIBE ? "subscribe" : "unsubscribe";
    }

    /** Whether the callback of {@code wanted} confirms that it asked for {@code mode}. */
    boolean confirmed(Hub.Mode mode, Subscription wanted, long leaseSeconds) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("hub.mode", mode(mode));
        params.put("hub.topic", wanted.topic());
        params.put("hub.challenge", challenge);
        if (mode == Hub.Mode.SUBSCRIBE) {
            params.put("hub.lease_seconds", Long.toString(leaseSeconds));
        }
        return confirms(withQuery(wanted.callback(), params), challenge);
    }

    /** Whether a GET of {@code uri} answers 2xx with {@code challenge} as its body (read up to 1 KiB, within the timeout). */
    private boolean confirms(URI uri, String challenge) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("User-Agent", "Posthorn WebSub hub").GET().build();
        java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> answer =
                client.sendAsync(request, info -> new Capped(1024));
        try {
            // the future completes only when the (capped) body is in: the timeout covers all of it
            HttpResponse<byte[]> r = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return r.statusCode() >= 200 && r.statusCode() < 300
                    && new String(r.body(), StandardCharsets.UTF_8).strip().equals(challenge);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            answer.cancel(true);
            return false;
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A body of at most {@code max} bytes: the rest is not read (the subscription is cancelled). */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        private final java.util.concurrent.CompletableFuture<byte[]> body = new java.util.concurrent.CompletableFuture<>();
        private java.util.concurrent.Flow.Subscription subscription;

        Capped(int max) {
            this.max = max;
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<java.nio.ByteBuffer> items) {
            for (java.nio.ByteBuffer b : items) {
                int n = Math.min(b.remaining(), max - out.size());
                byte[] chunk = new byte[n];
                b.get(chunk);
                out.write(chunk, 0, n);
            }
            if (out.size() >= max) {
                subscription.cancel();
                body.complete(out.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(out.toByteArray());
        }
    }

    static URI withQuery(URI callback, Map<String, String> params) {
        StringBuilder q = new StringBuilder(callback.toString());
        int hash = q.indexOf("#");
        if (hash >= 0) {
            q.setLength(hash);
        }
        char sep = callback.getRawQuery() == null ? '?' : '&';
        for (Map.Entry<String, String> e : params.entrySet()) {
            q.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return URI.create(q.toString());
    }
}
