package io.posthorn.config;

/**
 * Limits of the HTTP server, against slow or hostile clients.
 *
 * @param requestTimeoutMillis time a client has to send a whole request head (slowloris)
 * @param idleTimeoutMillis    an open connection with no request is closed after this
 * @param maxConnections       connections accepted at once; more wait in the kernel's backlog
 * @param maxHeaderBytes       request line plus headers; more is a 400
 */
public record HttpConfig(int requestTimeoutMillis, int idleTimeoutMillis, int maxConnections, int maxHeaderBytes) {
    public static final HttpConfig DEFAULTS = new HttpConfig(10_000, 60_000, 10_000, 16 * 1024);

    public HttpConfig {
        if (requestTimeoutMillis < 100) throw new IllegalArgumentException("requestTimeoutMillis must be >= 100");
        if (idleTimeoutMillis < 100) throw new IllegalArgumentException("idleTimeoutMillis must be >= 100");
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be >= 1");
        if (maxHeaderBytes < 1024) throw new IllegalArgumentException("maxHeaderBytes must be >= 1024");
    }
}
