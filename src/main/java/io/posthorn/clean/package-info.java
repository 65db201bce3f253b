/**
 * Cleaning: the only way text and HTML reach an article or a feed. Plain-text fields, XML-legal
 * characters, the source attribution found in a body, and (lazily, per article a feed shows) the
 * cleaned, safelisted HTML content and its summary. The only package that sees jsoup and
 * CommonMark. All classes are stateless or immutable, so thread-safe.
 */
package io.posthorn.clean;
