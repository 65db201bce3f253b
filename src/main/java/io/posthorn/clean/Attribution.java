package io.posthorn.clean;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the source attribution in a raw body without parsing it: the {@code em_media}
 * paragraph, else the last text line when an attribution pattern matches it
 * ({@code （文章来源：X）}, {@code 来源：X}, …). Cheap enough to run on every file at indexing
 * time; the content cleaner removes the same lines with {@link CleanRules#attributionIn}.
 * Immutable and thread-safe.
 */
public final class Attribution {
    private static final Pattern EM_MEDIA = Pattern.compile(
            "<p\\b[^>]*\\bclass\\s*=\\s*[\"'][^\"']*\\bem_media\\b[^\"']*[\"'][^>]*>(.*?)</p\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern BLOCK_END = Pattern.compile(
            "<br\\s*/?>|</(?:p|div|h[1-6]|li|blockquote|section)\\s*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern LINKS_ONLY = Pattern.compile(
            "^(?:[\\s\\u3000｜|·]*\\[[^\\]]*\\]\\([^)]*\\))+[\\s\\u3000｜|·]*$");
    private static final int TAIL = 4096;

    private final CleanRules rules;

    public Attribution(CleanRules rules) {
        this.rules = rules;
    }

    /** The source named in {@code body}, as plain text, or empty. */
    public Optional<String> find(String body) {
        // the regular expression runs only where "em_media" occurs: most of a body never meets it
        String found = null;
        for (int at = body.lastIndexOf("em_media"); at >= 0 && found == null; at = body.lastIndexOf("em_media", at - 1)) {
            int start = body.lastIndexOf("<p", at);
            int end = body.indexOf("</p", at);
            if (start >= 0 && end >= 0) {
                Matcher em = EM_MEDIA.matcher(body.substring(start, Math.min(body.length(), end + 5)));
                if (em.find()) {
                    found = em.group(1);
                }
            }
        }
        if (found != null) {
            return name(found);
        }
        String tail = body.length() > TAIL ? body.substring(body.length() - TAIL) : body;
        String[] lines = TAG.matcher(BLOCK_END.matcher(tail).replaceAll("\n")).replaceAll("").split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.equals("\u3000") || LINKS_ONLY.matcher(line).matches()) {
                continue;
            }
            return name(line);
        }
        return Optional.empty();
    }

    private Optional<String> name(String html) {
        String name = rules.attributionIn(PlainText.of(html));
        return name == null ? Optional.empty() : Optional.of(PlainText.of(name));
    }
}
