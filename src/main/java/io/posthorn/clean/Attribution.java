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
    /** The paragraph as the real articles write it: for it, the expression's answer is known without running it. */
    private static final String EM_MEDIA_OPEN = "<p class=\"em_media\">";

    private final CleanRules rules;

    public Attribution(CleanRules rules) {
        this.rules = rules;
    }

    /** The source named in {@code body}, as plain text, or empty. */
    public Optional<String> find(String body) {
        String found = emMediaText(body);
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

    /** The HTML inside the last {@code em_media} paragraph that {@link #EM_MEDIA} accepts, or null. */
    public static String emMediaText(String body) {
        // the regular expression runs only where "em_media" occurs: most of a body never meets it
        for (int at = body.lastIndexOf("em_media"); at >= 0; at = body.lastIndexOf("em_media", at - 1)) {
            int start = body.lastIndexOf("<p", at);
            int end = body.indexOf("</p", at);
            if (start >= 0 && end >= 0) {
                int limit = Math.min(body.length(), end + 5);
                String found = body.startsWith(EM_MEDIA_OPEN, start)
                        ? paragraphText(body, start + EM_MEDIA_OPEN.length(), limit) : null;
                if (found != null) {
                    return found;
                }
                Matcher em = EM_MEDIA.matcher(body.substring(start, limit));
                if (em.find()) {
                    return em.group(1);
                }
            }
        }
        return null;
    }

    /**
     * What {@link #EM_MEDIA} gives, on the same window ending at {@code limit}, as the text of a
     * paragraph that opens exactly with {@link #EM_MEDIA_OPEN} just before {@code from}:
     * everything up to the first {@code </p>} (any case, spaces allowed before its {@code >}) that
     * ends inside the window, or null when there is none.
     */
    private static String paragraphText(String body, int from, int limit) {
        for (int close = body.indexOf("</", from); close >= 0 && close + 3 < limit; close = body.indexOf("</", close + 2)) {
            if (body.charAt(close + 2) == 'p' || body.charAt(close + 2) == 'P') {
                int i = close + 3;
                while (i < limit && isRegexSpace(body.charAt(i))) {
                    i++;
                }
                if (i < limit && body.charAt(i) == '>') {
                    return body.substring(from, close);
                }
            }
        }
        return null;
    }

    /** {@code \s} of {@link Pattern} without flags. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private Optional<String> name(String html) {
        String name = rules.attributionIn(PlainText.of(html));
        return name == null ? Optional.empty() : Optional.of(PlainText.of(name));
    }
}
