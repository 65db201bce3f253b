/**
 * HTTP: the routes (declared in {@link io.posthorn.http.Routes}, in one place), conditional GET,
 * compression choice, the CORS and framing headers of the embeds, and the small HTML pages. Cached answers are sent straight from the I/O
 * thread; anything that may render or read a file is dispatched to a worker thread.
 * The only package, with {@code server}, that sees Undertow.
 */
package io.posthorn.http;
