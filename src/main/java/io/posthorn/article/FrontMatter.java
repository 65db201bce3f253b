package io.posthorn.article;

import java.util.Optional;

/**
 * The two parts of a Jekyll file: the YAML between the opening {@code ---} line and the next
 * {@code ---} (or {@code ...}) line, and the body after it.
 *
 * @param yaml     the front-matter text, without the fence lines
 * @param body     everything after the closing fence
 * @param bodyLine 1-based line number where the body starts
 */
public record FrontMatter(String yaml, String body, int bodyLine) {

    /** Why a text has no usable front matter. */
    public enum Problem { NONE, UNCLOSED }

    /**
     * Splits {@code text} (already decoded, {@code \n} line ends, no BOM).
     *
     * @return the parts, or empty when the text does not start with a {@code ---} line
     * @throws IllegalArgumentException when the front matter is opened but never closed
     */
    public static Optional<FrontMatter> split(String text) {
        if (!text.startsWith("---")) {
            return Optional.empty();
        }
        int firstEnd = text.indexOf('\n');
        if (firstEnd < 0 || !text.substring(3, firstEnd).isBlank()) {
            return Optional.empty();
        }
        int lineStart = firstEnd + 1;
        int line = 2;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            int end = lineEnd < 0 ? text.length() : lineEnd;
            String current = text.substring(lineStart, end).stripTrailing();
            if (current.equals("---") || current.equals("...")) {
                String yaml = text.substring(firstEnd + 1, lineStart);
                String body = lineEnd < 0 ? "" : text.substring(lineEnd + 1);
                return Optional.of(new FrontMatter(yaml, body, line + 1));
            }
            if (lineEnd < 0) {
                break;
            }
            lineStart = lineEnd + 1;
            line++;
        }
        throw new IllegalArgumentException("front matter opened on line 1 is never closed with '---'");
    }
}
