package io.posthorn.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * Fetches one upstream document politely and within bounds: a conditional GET with the
 * validators of the last answer, {@code Accept-Encoding: gzip}, a {@code User-Agent} naming
 * Posthorn and the site; a connect timeout and a total deadline that also cuts a body that
 * trickles in; at most {@code fetch.max_mb} on the wire and after decompression (a gzip bomb is
 * cut, not inflated); redirects followed by hand, at most 5, to http(s) only. The JDK client
 * bounds response headers (384 KiB), so headers that never end are cut too.
 *
 * <p>Thread-safe: one shared JDK {@link HttpClient}.
 */
final class HttpFetcher {
    static final int MAX_REDIRECTS = 5;

    private static final java.util.concurrent.ExecutorService EXECUTOR = java.util.concurrent.Executors.newFixedThreadPool(
            4, r -> {
                Thread t = new Thread(r, "posthorn-http");
                t.setDaemon(true);
                return t;
            });

    private final HttpClient client;
    private final String userAgent;
    private final Duration total;
    private final int maxBytes;

    /** What a GET came to: the last answer and the redirects that led there. */
    record Response(int status, URI url, HttpHeaders headers, byte[] body, List<Hop> redirects, long wireBytes) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** One redirect followed: its status and where it pointed. */
    record Hop(int status, URI from, URI to) {
        boolean permanent() {
            return status == 301 || status == 308;
        }
    }

    /** A fetch that came to no HTTP answer, with the reason in words. */
    static final class FetchException extends Exception {
        private static final long serialVersionUID = 1L;
        final String kind;

        FetchException(String kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    HttpFetcher(String userAgent, Duration connect, Duration total, int maxBytes) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connect)
                // the client's tasks (TLS handshakes, DNS on reconnects, completions) on a small pool
                // of its own: run on its selector thread instead (15% faster on plain http), one slow
                // handshake or lookup would stall every exchange
                .executor(EXECUTOR)
                .build();
        this.userAgent = userAgent;
        this.total = total;
        this.maxBytes = maxBytes;
    }

    /**
     * GETs {@code url}.
     *
     * @param etag         the last answer's ETag, or null
     * @param lastModified the last answer's Last-Modified, or null
     */
    Response get(URI url, String etag, String lastModified) throws FetchException, InterruptedException {
        long deadline = System.nanoTime() + total.toNanos();
        List<Hop> hops = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        URI current = url;
        long wire = 0;
        while (true) {
            if (!seen.add(current)) {
                throw new FetchException("redirect", "redirect loop at " + current);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(current)
                    .timeout(remaining(deadline))
                    .header("User-Agent", userAgent)
                    .header("Accept", "application/atom+xml, application/rss+xml, application/feed+json, "
                            + "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1")
                    .header("Accept-Encoding", "gzip")
                    .GET();
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            if (lastModified != null) {
                request.header("If-Modified-Since", lastModified);
            }
            Limited body = new Limited(maxBytes);
            CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(), info -> body);
            HttpResponse<byte[]> response;
            try {
                response = future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                body.cancel();
                future.cancel(true);
                throw new FetchException("timeout", "no complete answer within " + total.toSeconds() + " s");
            } catch (ExecutionException e) {
                throw failure(e.getCause() == null ? e : e.getCause());
            } catch (InterruptedException e) {
                body.cancel(); // shutting down: end the exchange too, not only the wait
                future.cancel(true);
                throw e;
            }
            wire += body.received;
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null) {
                    throw new FetchException("redirect", status + " without a Location");
                }
                URI next;
                try {
                    next = current.resolve(new URI(location.strip().replace(" ", "%20")));
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    throw new FetchException("redirect", status + " to a malformed Location: " + location);
                }
                if (!io.posthorn.clean.HttpUrl.isHttp(next)) {
                    throw new FetchException("redirect", status + " to " + next + " refused (http and https only)");
                }
                hops.add(new Hop(status, current, next));
                if (hops.size() > MAX_REDIRECTS) {
                    throw new FetchException("redirect", "more than " + MAX_REDIRECTS + " redirects");
                }
                current = next;
                etag = null; // validators belong to the URL that gave them
                lastModified = null;
                continue;
            }
            byte[] bytes = decompress(response.body(), response.headers());
            return new Response(status, current, response.headers(), bytes, hops, wire);
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private FetchException failure(Throwable cause) {
        if (cause instanceof FetchException f) {
            return f;
        }
        if (cause instanceof java.net.http.HttpConnectTimeoutException) {
            return new FetchException("timeout", "cannot connect within the connect timeout");
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return new FetchException("timeout", "no answer within " + total.toSeconds() + " s");
        }
        if (cause instanceof java.net.ConnectException) {
            return new FetchException("connect", "cannot connect: " + (cause.getMessage() == null ? "refused" : cause.getMessage()));
        }
        if (cause instanceof java.nio.channels.UnresolvedAddressException || cause instanceof java.net.UnknownHostException) {
            return new FetchException("dns", "unknown host");
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new FetchException(cause instanceof IOException ? "io" : "error", message);
    }

    /** The body without its content coding, at most {@code maxBytes} of it. */
    private byte[] decompress(byte[] body, HttpHeaders headers) throws FetchException {
        String coding = headers.firstValue("Content-Encoding").orElse("").strip().toLowerCase(Locale.ROOT);
        if (coding.isEmpty() || coding.equals("identity") || body.length == 0) {
            return body; // some servers send Content-Encoding: gzip with an empty 304
        }
        if (!coding.equals("gzip") && !coding.equals("x-gzip")) {
            throw new FetchException("encoding", "unsupported Content-Encoding: " + coding);
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, body.length * 4 + 64));
            byte[] buffer = new byte[16384];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > maxBytes) {
                    throw new FetchException("too-large", "larger than " + (maxBytes >> 20)
                            + " MiB after decompression (cut)");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new FetchException("encoding", "broken gzip body: " + e.getMessage());
        }
    }

    /** Collects a body up to a limit, cancelling the exchange past it or when told to. */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;
        volatile long received;

        Limited(int max) {
            this.max = max;
        }

        void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                int n = b.remaining();
                received += n;
                if (out.size() + n > max) {
                    subscription.cancel();
                    result.completeExceptionally(new FetchException("too-large", "body larger than "
                            + (max >> 20) + " MiB (cut)"));
                    return;
                }
                byte[] chunk = new byte[n];
                b.get(chunk);
                out.write(chunk, 0, n);
            }
            if (!cancelled) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
