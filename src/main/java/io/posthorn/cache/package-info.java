/**
 * Caches (Caffeine, bounded by weight): rendered feed and embed documents with their precomputed
 * gzip form and ETags, and cleaned article content. The only package that sees Caffeine.
 */
package io.posthorn.cache;
