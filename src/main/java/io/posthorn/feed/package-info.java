/**
 * Feed rendering: picks a feed's entries from an index snapshot, asks for their cleaned content,
 * and writes the bytes (Atom with Rome). The only package that sees Rome beans or
 * {@code java.util.Date}. Renderers are immutable and thread-safe.
 */
package io.posthorn.feed;
