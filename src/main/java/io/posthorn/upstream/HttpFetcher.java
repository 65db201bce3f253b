package io.posthorn.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

/**
 * Fetches one upstream document politely and within bounds: a conditional GET with the
 * validators of the last answer, {@code Accept-Encoding: gzip}, a {@code User-Agent} naming
 * Posthorn and the site; a connect timeout and a total deadline that also cuts a body that
 * trickles in; at most {@code fetch.max_mb} on the wire and after decompression (a gzip bomb is
 * cut, not inflated); redirects followed by hand, at most 5, to http(s) only. The JDK bounds
 * response headers ({@code jdk.http.maxHeaderSize}, 384 KiB), so headers that never end are cut too.
 *
 * <p>The exchange is blocking, on the polling thread, through the JDK's {@link HttpURLConnection}
 * (which keeps connections alive per host): a poll costs no task hops, which the asynchronous
 * client spent on every exchange (a round of 1,000 {@code 304}s took 40% less CPU this way). The
 * total deadline: the time left is the read timeout of the exchange, the deadline is checked
 * between reads (a body that trickles in is cut at it), and at the deadline a timer closes the
 * connection, again every quarter second until the exchange ends (a connection still being made
 * has nothing to close yet); the closing runs on threads of its own, because closing a stream
 * waits for a read in progress on it. So an exchange ends at the deadline, but one whose read
 * stalls completely just before it waits out that read's timeout: twice {@code fetch.timeout}
 * at the very worst. DNS lookups are bounded by the system resolver. {@link #abortAll} ends every
 * exchange when polling stops.
 *
 * <p>Thread-safe.
 */
final class HttpFetcher {
    static final int MAX_REDIRECTS = 5;

    /** Notices exchanges past their total deadline; never blocks (the closing is {@link #CLOSERS}'). */
    private static final ScheduledThreadPoolExecutor DEADLINES = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "posthorn-http-deadline");
        t.setDaemon(true);
        return t;
    });
    /** Closes connections past their deadline: each close may wait for a read in progress. */
    private static final java.util.concurrent.ExecutorService CLOSERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "posthorn-http-close");
        t.setDaemon(true);
        return t;
    });
    private static final long CLOSE_AGAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    static {
        DEADLINES.setRemoveOnCancelPolicy(true); // most exchanges end well before their deadline
    }

    private static final String ACCEPT = "application/atom+xml, application/rss+xml, application/feed+json, "
            + "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1";

    private final String userAgent;
    private final int connectMillis;
    private final Duration total;
    private final int maxBytes;
    private final Set<HttpURLConnection> inFlight = ConcurrentHashMap.newKeySet();

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

    /** One HTTP exchange: the answer as it came, its body still coded. */
    private record Answer(int status, HttpHeaders headers, byte[] body) {
    }

    HttpFetcher(String userAgent, Duration connect, Duration total, int maxBytes) {
        this.userAgent = userAgent;
        this.connectMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connect.toMillis()));
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
            Answer answer = exchange(current, etag, lastModified, deadline);
            wire += answer.body().length;
            int status = answer.status();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                String location = answer.headers().firstValue("Location").orElse(null);
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
            byte[] bytes = decompress(answer.body(), answer.headers());
            return new Response(status, current, answer.headers(), bytes, hops, wire);
        }
    }

    /** One GET of {@code uri}, the whole answer read before {@code deadline} (System.nanoTime). */
    private Answer exchange(URI uri, String etag, String lastModified, long deadline)
            throws FetchException, InterruptedException {
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new FetchException("error", "cannot open " + uri + ": " + e.getMessage());
        }
        long remaining = Math.max(1_000_000, deadline - System.nanoTime());
        c.setInstanceFollowRedirects(false);
        // useCaches stays on: off, the JDK would add "Cache-Control: no-cache" and "Pragma: no-cache",
        // asking every cache on the way to go back to the origin (there is no ResponseCache to use)
        c.setConnectTimeout((int) Math.min(connectMillis, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
        c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
        c.setRequestProperty("User-Agent", userAgent);
        c.setRequestProperty("Accept", ACCEPT);
        c.setRequestProperty("Accept-Encoding", "gzip");
        if (etag != null) {
            c.setRequestProperty("If-None-Match", etag);
        }
        if (lastModified != null) {
            c.setRequestProperty("If-Modified-Since", lastModified);
        }
        inFlight.add(c);
        Deadline timer = new Deadline(c, remaining);
        try {
            int status = c.getResponseCode();
            if (status < 100) {
                throw new FetchException("io", "not an HTTP answer");
            }
            HttpHeaders headers = headers(c.getHeaderFields());
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            byte[] body = in == null ? new byte[0] : read(in, c, deadline);
            if (timer.expired || System.nanoTime() > deadline) {
                throw timedOut();
            }
            return new Answer(status, headers, body);
        } catch (IOException | RuntimeException e) {
            if (timer.expired) {
                throw timedOut();
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("polling stopped");
            }
            throw failure(e);
        } finally {
            timer.end();
            inFlight.remove(c);
        }
    }

    /**
     * The total deadline of one exchange: past it, the connection is closed, and closed again
     * every 250 ms until the exchange ends (a connection still being made has nothing to close
     * yet). The closing runs on {@link #CLOSERS}, one at a time per exchange: it waits for a read
     * in progress, which must not hold back the deadline of any other exchange.
     */
    private static final class Deadline implements Runnable {
        private final HttpURLConnection connection;
        private final AtomicBoolean closing = new AtomicBoolean();
        private final ScheduledFuture<?> first;
        private volatile boolean done;
        volatile boolean expired;

        Deadline(HttpURLConnection connection, long nanos) {
            this.connection = connection;
            this.first = DEADLINES.schedule(this, nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void run() {
            if (done) {
                return;
            }
            expired = true;
            if (closing.compareAndSet(false, true)) {
                CLOSERS.execute(() -> {
                    try {
                        connection.disconnect();
                    } finally {
                        closing.set(false);
                    }
                });
            }
            DEADLINES.schedule(this, CLOSE_AGAIN_NANOS, TimeUnit.NANOSECONDS);
        }

        /** The exchange is over: no more closing. */
        void end() {
            done = true;
            first.cancel(false);
        }
    }

    private FetchException timedOut() {
        return new FetchException("timeout", "no complete answer within " + total.toSeconds() + " s");
    }

    /** Ends every exchange in flight (polling stops): each fails at once instead of at its deadline. */
    void abortAll() {
        for (HttpURLConnection c : inFlight) {
            CLOSERS.execute(c::disconnect);
        }
    }

    /**
     * The answer's headers, one entry per name whatever its case ({@code Set-Cookie} and
     * {@code set-cookie} are one header); the status line (the null name) and blank names left out.
     */
    static HttpHeaders headers(Map<String, List<String>> fields) {
        Map<String, List<String>> named = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        fields.forEach((name, values) -> {
            if (name != null && !name.isBlank() && values != null) {
                named.computeIfAbsent(name.strip(), n -> new ArrayList<>()).addAll(values);
            }
        });
        return HttpHeaders.of(named, (name, value) -> true);
    }

    /** The body as it came (coded), at most {@code maxBytes} of it; past that the connection is dropped. */
    private byte[] read(InputStream stream, HttpURLConnection c, long deadline) throws IOException, FetchException {
        try (InputStream in = stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16384];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (System.nanoTime() > deadline) {
                    c.disconnect(); // not kept alive: the rest is never read (this thread is the reader)
                    throw timedOut();
                }
                if (out.size() + n > maxBytes) {
                    c.disconnect(); // not kept alive: the rest of the body is never read
                    throw new FetchException("too-large", "body larger than " + (maxBytes >> 20) + " MiB (cut)");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private FetchException failure(Throwable cause) {
        if (cause instanceof SocketTimeoutException) {
            String m = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            return m.contains("connect") ? new FetchException("timeout", "cannot connect within the connect timeout")
                    : timedOut();
        }
        if (cause instanceof java.net.ConnectException) {
            return new FetchException("connect", "cannot connect: " + (cause.getMessage() == null ? "refused" : cause.getMessage()));
        }
        if (cause instanceof java.net.UnknownHostException) {
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
}
