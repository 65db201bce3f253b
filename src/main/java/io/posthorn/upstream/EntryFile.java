package io.posthorn.upstream;

import io.posthorn.files.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One upstream entry as an article file: Jekyll front matter (every text value double-quoted,
 * so no title can turn into YAML of another type) and the upstream HTML as the body. The file
 * is an {@code .html} file, so, as in Jekyll, its body is not read as Markdown. Written
 * atomically: a temporary hidden file in the same folder, then a rename. Immutable.
 *
 * @param modified {@code last_modified_at}, or null when the entry was not changed since its date
 * @param summary  a front-matter {@code summary} (the upstream's own, shorter one), or null
 */
record EntryFile(String key, String title, OffsetDateTime date, OffsetDateTime modified, List<String> categories,
                 List<String> tags, String author, String source, String link, String summary, String body) {
    private static final DateTimeFormatter JEKYLL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx");

    String text() {
        StringBuilder out = new StringBuilder(body.length() + 512);
        out.append("---\n");
        field(out, "title", title);
        out.append("date: ").append(date.format(JEKYLL)).append('\n');
        if (modified != null) {
            out.append("last_modified_at: ").append(modified.format(JEKYLL)).append('\n');
        }
        field(out, "id", key);
        list(out, "categories", categories);
        list(out, "tags", tags);
        field(out, "author", author);
        field(out, "source", source);
        field(out, "link", link);
        field(out, "summary", summary);
        out.append("---\n").append(body);
        if (!body.endsWith("\n")) {
            out.append('\n');
        }
        return out.toString();
    }

    /** Writes {@link #text()} to {@code file}, atomically. */
    void write(Path file) throws IOException {
        AtomicFile.write(file, text().getBytes(StandardCharsets.UTF_8));
    }

    private static void field(StringBuilder out, String name, String value) {
        if (value != null && !value.isEmpty()) {
            out.append(name).append(": ");
            quoted(out, value);
            out.append('\n');
        }
    }

    private static void list(StringBuilder out, String name, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        out.append(name).append(": [");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            quoted(out, values.get(i));
        }
        out.append("]\n");
    }

    /** A YAML double-quoted scalar: only the backslash and the quote need escaping in plain text. */
    private static void quoted(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        }
        out.append('"');
    }
}
