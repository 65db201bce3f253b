package io.posthorn.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Safe YAML reading into a small tree that keeps the line of every value, so that callers can
 * report "file:line: key: reason". The only place that sees SnakeYAML Engine; simple front matter
 * takes the fast path of {@link SimpleYaml}, which gives the same tree.
 *
 * <p>Safety: SnakeYAML Engine's default JSON schema (only {@code null} and empty values are null),
 * no custom tags or types, few aliases (no billion laughs), a size cap, and a cap on the number of
 * nodes. Scalars stay text; callers convert them.
 * Thread-safe: stateless.
 */
public final class YamlTree {
    private static final int MAX_ALIASES = 20;
    static final int MAX_NODES = 10_000;
    private static final java.util.Set<Tag> SAFE_TAGS = java.util.Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL,
            Tag.NULL, Tag.SEQ, Tag.MAP);

    /** Built once: building settings costs more than parsing a front matter. The size cap is checked above. */
    private static final LoadSettings SETTINGS = LoadSettings.builder()
            .setAllowDuplicateKeys(false)
            .setAllowRecursiveKeys(false)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setCodePointLimit(Integer.MAX_VALUE)
            .setUseMarks(true)
            .build();

    private YamlTree() {
    }

    /** A YAML value with the 1-based line it starts on. */
    public sealed interface Value permits Scalar, Seq, MapValue {
        int line();
    }

    /**
     * A scalar; {@code text} is null for a YAML null ({@code ~}, empty).
     *
     * @param quoted whether it was written in quotes (Jekyll reads a quoted date as text, a plain one as a timestamp)
     */
    public record Scalar(String text, int line, boolean quoted) implements Value {
        public Scalar(String text, int line) {
            this(text, line, false);
        }
    }

    public record Seq(List<Value> items, int line) implements Value {
        public Seq {
            items = Collections.unmodifiableList(new ArrayList<>(items));
        }
    }

    /** A mapping with string keys in document order. */
    public record MapValue(Map<String, Value> entries, int line) implements Value {
        public MapValue {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    /** A YAML syntax or safety problem at a 1-based line. */
    public static final class YamlException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        YamlException(String message, int line) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /**
     * Parses one document.
     *
     * @param lineOffset added to every line (e.g. 1 when the text follows a {@code ---} line)
     * @return the root value, or empty for an empty document
     */
    public static Optional<Value> parse(String text, int maxChars, int lineOffset) throws YamlException {
        if (text.length() <= maxChars) {
            MapValue simple = SimpleYaml.tryParse(text, lineOffset);
            if (simple != null) {
                return Optional.of(simple);
            }
        }
        return parseWithSnakeYaml(text, maxChars, lineOffset);
    }

    /** {@link #parse} without the fast path of {@link SimpleYaml}. */
    static Optional<Value> parseWithSnakeYaml(String text, int maxChars, int lineOffset) throws YamlException {
        if (text.length() > maxChars) {
            throw new YamlException("YAML larger than " + maxChars + " characters", lineOffset + 1);
        }
        Optional<Node> root;
        try {
            root = compose(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(Mark::getLine).orElse(0);
            throw new YamlException(oneLine(e.getProblem() == null ? e.getMessage() : e.getProblem()),
                    line + 1 + lineOffset);
        } catch (YamlEngineException e) {
            throw new YamlException(oneLine(e.getMessage()), lineOffset + 1);
        }
        if (root.isEmpty()) {
            return Optional.empty();
        }
        int[] budget = {MAX_NODES};
        return Optional.of(convert(root.get(), lineOffset, budget));
    }

    /**
     * The document composed; when SnakeYAML refuses a {@code \\L} or {@code \\P} escape, composed
     * again with those two rewritten, so that no other text is ever touched.
     */
    private static Optional<Node> compose(String text) {
        try {
            return new Compose(SETTINGS).composeString(text);
        } catch (MarkedYamlEngineException e) {
            String problem = String.valueOf(e.getProblem());
            if (problem.contains("unknown escape character L") || problem.contains("unknown escape character P")) {
                return new Compose(SETTINGS).composeString(withLineSeparatorEscapes(text));
            }
            throw e;
        }
    }

    /**
     * YAML's {@code \\L} and {@code \\P} escapes (line and paragraph separator) inside
     * double-quoted scalars, as {@code \\u2028} and {@code \\u2029}: SnakeYAML Engine knows the
     * other escapes of the specification ({@code \\N}, {@code \\_}, …) but not these two, which
     * Jekyll's reader accepts. The same text when there are none (nearly always).
     */
    static String withLineSeparatorEscapes(String text) {
        if (!text.contains("\\L") && !text.contains("\\P")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'L' ? "\\u2028" : next == 'P' ? "\\u2029" : "\\" + next);
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static Value convert(Node node, int lineOffset, int[] budget) throws YamlException {
        int line = node.getStartMark().map(Mark::getLine).orElse(0) + 1 + lineOffset;
        if (--budget[0] < 0) {
            throw new YamlException("YAML has more than " + MAX_NODES + " values", line);
        }
        Tag tag = node.getTag();
        if (!SAFE_TAGS.contains(tag)) {
            throw new YamlException("custom YAML tags are not allowed: " + tag.getValue(), line);
        }
        if (node instanceof ScalarNode scalar) {
            boolean isNull = Tag.NULL.equals(scalar.getTag());
            return new Scalar(isNull ? null : scalar.getValue(), line,
                    scalar.getScalarStyle() != org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN);
        }
        if (node instanceof SequenceNode seq) {
            List<Value> items = new ArrayList<>(seq.getValue().size());
            for (Node item : seq.getValue()) {
                items.add(convert(item, lineOffset, budget));
            }
            return new Seq(items, line);
        }
        MappingNode map = (MappingNode) node;
        Map<String, Value> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new YamlException("mapping keys must be plain text", line);
            }
            if (entries.put(key.getValue(), convert(tuple.getValueNode(), lineOffset, budget)) != null) {
                int keyLine = key.getStartMark().map(Mark::getLine).orElse(0) + 1 + lineOffset;
                throw new YamlException("duplicate key '" + key.getValue() + "'", keyLine);
            }
        }
        return new MapValue(entries, line);
    }

    private static String oneLine(String message) {
        return message == null ? "invalid YAML" : message.replaceAll("\\s+", " ").trim();
    }
}
