/**
 * The index: an immutable snapshot of every served article, newest first, grouped by category,
 * tag and attributed source, and the {@link io.posthorn.index.Indexer} that builds it from the
 * source folders in parallel. A snapshot is never changed; a new one replaces it atomically.
 */
package io.posthorn.index;
