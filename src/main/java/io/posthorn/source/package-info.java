/**
 * Source folders: finds the article files under each configured folder (recursively, never
 * following symbolic links), says why each other file is ignored, and decodes file bytes to text.
 * Knows nothing of front matter or HTML.
 */
package io.posthorn.source;
