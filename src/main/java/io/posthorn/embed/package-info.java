/**
 * Headlines for other websites: the compact headlines JSON (read cross-origin by the embed
 * script or by anyone's code), the small page for an {@code <iframe>}, the static embed script,
 * and the copy-paste snippets that use them. Renders from an index snapshot like {@code feed}
 * does and reuses its {@code Links} and {@code Html}; the bytes are cached by {@code cache} and
 * served by {@code http}. Renderers are immutable and thread-safe.
 */
package io.posthorn.embed;
