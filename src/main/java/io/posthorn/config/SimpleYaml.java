package io.posthorn.config;

import io.posthorn.config.YamlTree.MapValue;
import io.posthorn.config.YamlTree.Scalar;
import io.posthorn.config.YamlTree.Seq;
import io.posthorn.config.YamlTree.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict fast path for simple front matter, giving exactly the tree that SnakeYAML Engine would
 * give. Indexing 100,000 articles spent about a quarter of its CPU composing tiny front matters
 * with SnakeYAML; almost all of them look like
 *
 * <pre>
 * title: "Meta选择微软Azure作为战略云提供商"
 * date: 2022-05-26 12:19:14 +0800
 * categories: [zhitongcaijingwang]
 * tags:
 *   - 人工智能
 * </pre>
 *
 * <p>Accepted: a block mapping at column 0 whose keys are {@code [A-Za-z0-9_]} then also {@code -},
 * each followed by {@code :} and a space or the end of the line, with no key twice. A value is, on
 * the key's line, empty (null, or a block sequence on the following lines), a plain scalar without
 * {@code ": "}, {@code " #"} or a trailing {@code :} that does not start with an indicator or
 * {@code $}, a double-quoted scalar whose only escapes are {@code \"}, {@code \\} and {@code \/}, a
 * single-quoted scalar, or a flow sequence of
 * plain scalars. A block sequence is {@code - } lines, all at one indentation, of empty, plain or
 * quoted scalars. Blank and comment lines are skipped. Only printable characters, no tab, no
 * {@code \r}. Plain scalars resolve as SnakeYAML's JSON schema does: only {@code null} and the empty
 * value are null, everything else stays text.
 *
 * <p>Anything else, including an empty document, makes {@link #tryParse} return null, and the caller
 * uses SnakeYAML, which also reports the errors. Checked against SnakeYAML by a property test.
 */
final class SimpleYaml {
    private static final int MAX_KEY_CHARS = 128;
    private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`$";

    private SimpleYaml() {
    }

    /**
     * Parses {@code text} if it lies in the subset.
     *
     * @param lineOffset added to every 1-based line, as in {@link YamlTree#parse}
     * @return the root mapping, or null if the text is outside the subset
     */
    static MapValue tryParse(String text, int lineOffset) {
        if (!printable(text)) {
            return null;
        }
        Map<String, Value> entries = new LinkedHashMap<>();
        int rootLine = 0;
        int nodes = 1;
        String pendingKey = null; // a key with an empty value: null, or the block sequence below it
        int pendingLine = 0;
        List<Value> items = null;
        int seqIndent = 0;
        int seqLine = 0;
        int length = text.length();
        int line = lineOffset;
        for (int start = 0; start <= length; ) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            line++;
            int first = start;
            while (first < end && text.charAt(first) == ' ') {
                first++;
            }
            if (first < end && text.charAt(first) != '#') {
                int indent = first - start;
                char c = text.charAt(first);
                if (indent == 0 && c != '-') {
                    if (pendingKey != null) {
                        entries.put(pendingKey, emptyOrSeq(pendingLine, items, seqLine));
                        pendingKey = null;
                        items = null;
                    }
                    int colon = keyEnd(text, first, end);
                    if (colon < 0) {
                        return null;
                    }
                    String key = text.substring(first, colon);
                    if (entries.containsKey(key)) {
                        return null;
                    }
                    if (rootLine == 0) {
                        rootLine = line;
                    }
                    int from = skipSpaces(text, colon + 1, end);
                    nodes++;
                    if (from == end) {
                        pendingKey = key;
                        pendingLine = line;
                    } else {
                        Value value = text.charAt(from) == '['
                                ? flowSeq(text, from, end, line)
                                : scalar(text, from, end, line);
                        if (value == null) {
                            return null;
                        }
                        nodes += value instanceof Seq seq ? seq.items().size() : 0;
                        entries.put(key, value);
                    }
                } else {
                    if (pendingKey == null || c != '-' || first + 1 < end && text.charAt(first + 1) != ' ') {
                        return null;
                    }
                    if (items == null) {
                        items = new ArrayList<>();
                        seqIndent = indent;
                        seqLine = line;
                    } else if (indent != seqIndent) {
                        return null;
                    }
                    int from = skipSpaces(text, first + 1, end);
                    Value item = from == end ? new Scalar(null, line) : scalar(text, from, end, line);
                    if (item == null) {
                        return null;
                    }
                    items.add(item);
                    nodes++;
                }
            }
            start = end + 1;
        }
        if (pendingKey != null) {
            entries.put(pendingKey, emptyOrSeq(pendingLine, items, seqLine));
        }
        if (entries.isEmpty() || nodes > YamlTree.MAX_NODES) {
            return null;
        }
        return new MapValue(entries, rootLine);
    }

    /** The value of a key with nothing after its colon: null, or the block sequence below it. */
    private static Value emptyOrSeq(int keyLine, List<Value> items, int seqLine) {
        return items == null ? new Scalar(null, keyLine) : new Seq(items, seqLine);
    }

    /** True if every character is one SnakeYAML reads without complaint, tab and {@code \r} excluded. */
    private static boolean printable(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= ' ' && c <= '~' || c == '\n') {
                continue;
            }
            if (c < 0xA0 || c == 0x2028 || c == 0x2029 || c == 0xFEFF || c >= 0xFFFE
                    || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** The index of the colon ending a simple key that starts at {@code from}, or -1. */
    private static int keyEnd(String text, int from, int end) {
        for (int i = from; i < end && i - from <= MAX_KEY_CHARS; i++) {
            char c = text.charAt(i);
            if (c == ':') {
                return i > from && (i + 1 == end || text.charAt(i + 1) == ' ') ? i : -1;
            }
            boolean word = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
            if (!word && (c != '-' || i == from)) {
                return -1;
            }
        }
        return -1;
    }

    private static int skipSpaces(String text, int from, int end) {
        while (from < end && text.charAt(from) == ' ') {
            from++;
        }
        return from;
    }

    /** A scalar filling {@code [from, end)} of one line, from its first non-space character; or null. */
    private static Scalar scalar(String text, int from, int end, int line) {
        char c = text.charAt(from);
        if (c == '"') {
            StringBuilder sb = new StringBuilder();
            for (int i = from + 1; i < end; i++) {
                char ch = text.charAt(i);
                if (ch == '\\') {
                    // only the escapes that stand for themselves (titles quote words: \"财政部\")
                    char next = i + 1 < end ? text.charAt(i + 1) : 0;
                    if (next != '"' && next != '\\' && next != '/') {
                        return null;
                    }
                    sb.append(next);
                    i++;
                } else if (ch == '"') {
                    return skipSpaces(text, i + 1, end) == end ? new Scalar(sb.toString(), line, true) : null;
                } else {
                    sb.append(ch);
                }
            }
            return null;
        }
        if (c == '\'') {
            StringBuilder sb = new StringBuilder();
            for (int i = from + 1; i < end; i++) {
                char ch = text.charAt(i);
                if (ch != '\'') {
                    sb.append(ch);
                } else if (i + 1 < end && text.charAt(i + 1) == '\'') {
                    sb.append('\'');
                    i++;
                } else {
                    return skipSpaces(text, i + 1, end) == end ? new Scalar(sb.toString(), line, true) : null;
                }
            }
            return null;
        }
        if (INDICATORS.indexOf(c) >= 0) {
            return null;
        }
        for (int i = from + 1; i < end; i++) {
            char ch = text.charAt(i);
            boolean colon = ch == ':' && (i + 1 == end || text.charAt(i + 1) == ' ');
            if (colon || ch == '#' && text.charAt(i - 1) == ' ') {
                return null;
            }
        }
        return plain(text, from, end, line);
    }

    /** A flow sequence of plain scalars, {@code [a, b]}, alone on the rest of the line; or null. */
    private static Seq flowSeq(String text, int from, int end, int line) {
        List<Value> items = new ArrayList<>();
        int i = skipSpaces(text, from + 1, end);
        if (i < end && text.charAt(i) == ']') {
            return skipSpaces(text, i + 1, end) == end ? new Seq(items, line) : null;
        }
        while (i < end) {
            int itemStart = i;
            while (i < end && text.charAt(i) != ',' && text.charAt(i) != ']') {
                if ("\"'[{}#:".indexOf(text.charAt(i)) >= 0) {
                    return null;
                }
                i++;
            }
            if (i == end || itemStart == i || INDICATORS.indexOf(text.charAt(itemStart)) >= 0) {
                return null;
            }
            items.add(plain(text, itemStart, i, line));
            if (text.charAt(i) == ']') {
                return skipSpaces(text, i + 1, end) == end ? new Seq(items, line) : null;
            }
            i = skipSpaces(text, i + 1, end);
        }
        return null;
    }

    /** A plain scalar from {@code from} (not a space) to {@code end}, trailing spaces dropped. */
    private static Scalar plain(String text, int from, int end, int line) {
        while (text.charAt(end - 1) == ' ') {
            end--;
        }
        String value = text.substring(from, end);
        return new Scalar(value.equals("null") ? null : value, line);
    }
}
