package io.posthorn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.posthorn.config.YamlTree.MapValue;
import io.posthorn.config.YamlTree.Scalar;
import io.posthorn.config.YamlTree.Seq;
import io.posthorn.config.YamlTree.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast path either declines or gives exactly SnakeYAML's tree: concrete front matters, then
 * generated ones biased toward the edges of the subset.
 */
class SimpleYamlTest {
    private static final int MAX_CHARS = 1 << 20;
    private static final boolean ACCEPTED = true;
    private static final boolean FALLBACK = false;

    static Stream<Arguments> frontMatters() {
        return Stream.of(
                // typical front matters
                Arguments.of(ACCEPTED, """
                        title: "Meta选择微软Azure作为战略云提供商"
                        date: 2022-05-26 12:19:14 +0800
                        categories: [zhitongcaijingwang]
                        tags: 微软 Meta
                        source: 智通财经网
                        published: false
                        keywords:
                          - 人工智能
                          - AI芯片
                        """),
                Arguments.of(ACCEPTED, "layout: post\ntitle: Hello, world\ntags: [a, b c,  d ]\nauthor: 'O''Brien'\n"),
                Arguments.of(ACCEPTED, "\n# comment\n\ntitle: x\n  # indented comment\nsummary:\n"),
                Arguments.of(ACCEPTED, "title: 标题😀（全角）\u3000end"),
                Arguments.of(ACCEPTED, "a: x\u00a0\nb: \u00a0y"),
                // every value form
                Arguments.of(ACCEPTED, "a:\nb:   \nc: null\nd: ~\ne: Null\nf: NULL\ng: nUll"),
                Arguments.of(ACCEPTED, "a: \"\"\nb: ''\nc: \"null\"\nd: 'null'\ne: \"it's\"\nf: 'say \"hi\"'"),
                Arguments.of(ACCEPTED, "a: x  \nb: x  y\nc: 012\nd: x-1:y\ne: x#y\nf: x, y [z] {w}\ng: it's \"q\""),
                Arguments.of(ACCEPTED, "a: \"x\"   \nb: 'x'  "),
                Arguments.of(ACCEPTED, "a: []\nb: [ ]\nc: [x]\nd: [ x , y ]\ne: [null, ~, 1]"),
                Arguments.of(ACCEPTED, "a:\n- x\n- y\nb: 1"),
                Arguments.of(ACCEPTED,
                        "a:\n    - x\n\n    # between\n# at column 0\n    -   y  \n    -\n    - \n    - 'q'"),
                Arguments.of(ACCEPTED, "a:\n\n  - x\nb:\n  - null\n  - \"\""),
                Arguments.of(ACCEPTED, "a-b: 1\n_c: 2\nd_-e-: 3\n0: 4\ntrue: 5\nnull: 6"),
                // fallbacks: structure
                Arguments.of(FALLBACK, ""),
                Arguments.of(FALLBACK, "# only a comment\n\n"),
                Arguments.of(FALLBACK, "tags: a\ntags:\n  - b"),
                Arguments.of(FALLBACK, "a:\n  b: 1"),
                Arguments.of(FALLBACK, "a: x\n  continued"),
                Arguments.of(FALLBACK, "a:\n  - x\n   - y"),
                Arguments.of(FALLBACK, "a:\n  - x\n - y"),
                Arguments.of(FALLBACK, "a:\n  -x"),
                Arguments.of(FALLBACK, "a: 1\n- x"),
                Arguments.of(FALLBACK, "- x\n- y"),
                Arguments.of(FALLBACK, "  a: 1"),
                Arguments.of(FALLBACK, "---\na: 1"),
                Arguments.of(FALLBACK, "a: 1\n...\n"),
                Arguments.of(FALLBACK, "%YAML 1.2\n---\na: 1"),
                // fallbacks: keys
                Arguments.of(FALLBACK, "a : x"),
                Arguments.of(FALLBACK, "a:x"),
                Arguments.of(FALLBACK, "-a: x"),
                Arguments.of(FALLBACK, "标题: x"),
                Arguments.of(FALLBACK, "\"a\": x"),
                Arguments.of(FALLBACK, "? a\n: x"),
                Arguments.of(FALLBACK, "k".repeat(200) + ": x"),
                // fallbacks: values
                Arguments.of(FALLBACK, "a: b: c"),
                Arguments.of(FALLBACK, "a: x:"),
                Arguments.of(FALLBACK, "a: x # comment"),
                Arguments.of(FALLBACK, "a: # comment"),
                Arguments.of(FALLBACK, "a: -1"),
                Arguments.of(FALLBACK, "a: ${HOME}"),
                Arguments.of(FALLBACK, "a: &x 1\nb: *x"),
                Arguments.of(FALLBACK, "a: !!str 1"),
                Arguments.of(FALLBACK, "a: |\n  text"),
                Arguments.of(FALLBACK, "a: >\n  text"),
                Arguments.of(FALLBACK, "a: {b: 1}"),
                Arguments.of(FALLBACK, "a: \"x\\ty\""),
                Arguments.of(FALLBACK, "a: \"x\\u4e2dy\""),
                Arguments.of(FALLBACK, "a: \"x\\"),
                Arguments.of(ACCEPTED, "title: \"\\\"财政部\\\"热度不减\""),
                Arguments.of(ACCEPTED, "a: \"back\\\\slash\\/\""),
                Arguments.of(FALLBACK, "a: \"x\" y"),
                Arguments.of(FALLBACK, "a: \"x"),
                Arguments.of(FALLBACK, "a: 'x'y"),
                Arguments.of(FALLBACK, "a: 'x\n  y'"),
                Arguments.of(FALLBACK, "a: [x, , y]"),
                Arguments.of(FALLBACK, "a: [x,]"),
                Arguments.of(FALLBACK, "a: [x] # comment"),
                Arguments.of(FALLBACK, "a: [x, \"y\"]"),
                Arguments.of(FALLBACK, "a: [x, [y]]"),
                Arguments.of(FALLBACK, "a: [x\n  , y]"),
                Arguments.of(FALLBACK, "a:\n  - [x]"),
                Arguments.of(FALLBACK, "a:\n  - b: 1"),
                // fallbacks: characters
                Arguments.of(FALLBACK, "a: x\ty"),
                Arguments.of(FALLBACK, "a: x\r\nb: y"),
                Arguments.of(FALLBACK, "a: x\u0000"),
                Arguments.of(FALLBACK, "a: x\u007f"),
                Arguments.of(FALLBACK, "a: x\u0085y"),
                Arguments.of(FALLBACK, "a: x\u2028y"),
                Arguments.of(FALLBACK, "\uFEFFa: x"),
                Arguments.of(FALLBACK, "a: x\uFFFE"),
                Arguments.of(FALLBACK, "a: x\uD800"),
                Arguments.of(FALLBACK, "a: x\uDC00y"));
    }

    @ParameterizedTest
    @MethodSource("frontMatters")
    void acceptsTheSubsetAndAgreesWithSnakeYaml(boolean accepted, String text) {
        MapValue fast = SimpleYaml.tryParse(text, 1);
        assertEquals(accepted, fast != null, () -> (accepted ? "should accept: " : "should fall back: ") + text);
        if (fast != null) {
            assertSameTree(snakeYaml(text), fast, text);
        }
    }

    @Test
    void givesTheTreeWithLinesAfterTheOffset() {
        MapValue tree = SimpleYaml.tryParse("# c\ntitle: \"标题\"\ntags:\n\n  - a\n  -\nnone:\nlist: [x, null]", 1);
        assertNotNull(tree);
        assertEquals(new MapValue(Map.of(
                "title", new Scalar("标题", 3, true),
                "tags", new Seq(List.of(new Scalar("a", 6), new Scalar(null, 7)), 6),
                "none", new Scalar(null, 8),
                "list", new Seq(List.of(new Scalar("x", 9), new Scalar(null, 9)), 9)), 3), tree);
        assertEquals(List.of("title", "tags", "none", "list"), List.copyOf(tree.entries().keySet()));
    }

    @Test
    void parseStillReportsWhatTheFastPathDeclines() throws Exception {
        YamlTree.YamlException e = assertThrows(YamlTree.YamlException.class,
                () -> YamlTree.parse("tags: a\ntags: b", MAX_CHARS, 1));
        assertEquals("duplicate key 'tags'", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(Optional.empty(), YamlTree.parse("# nothing", MAX_CHARS, 1));
        assertThrows(YamlTree.YamlException.class, () -> YamlTree.parse("a: 1", 3, 0), "size cap before the fast path");
    }

    @Test
    void declinesMoreValuesThanTheNodeCap() {
        String many = "a: [" + "x, ".repeat(YamlTree.MAX_NODES) + "x]";
        assertNull(SimpleYaml.tryParse(many, 0));
        assertThrows(YamlTree.YamlException.class, () -> YamlTree.parse(many, MAX_CHARS, 0));
    }

    @Property(tries = 3000)
    void fastPathNeverDisagreesWithSnakeYaml(@ForAll("documents") String text) {
        MapValue fast = SimpleYaml.tryParse(text, 1);
        Statistics.label("fast path").collect(fast != null ? "accepted" : "fallback");
        if (fast != null) {
            assertSameTree(snakeYaml(text), fast, text);
        }
        Statistics.label("fast path").coverage(c -> c.check("accepted").percentage(p -> p > 30.0));
        Statistics.label("fast path").coverage(c -> c.check("fallback").percentage(p -> p > 20.0));
    }

    /** Token soup is rarely in the subset, but what the fast path takes from it must match too. */
    @Property(tries = 3000)
    void fastPathNeverDisagreesOnTokenSoup(@ForAll("soup") String text) {
        MapValue fast = SimpleYaml.tryParse(text, 1);
        if (fast != null) {
            assertSameTree(snakeYaml(text), fast, text);
        }
    }

    @Provide
    Arbitrary<String> soup() {
        return Arbitraries.of("a", " ", ": ", ":", "\n", "\nk: ", "\nj:", "\n- ", "\n  - ", "\n  -", "- ", "-", "#",
                        " #", "'", "''", "\"", "[", "]", ", ", ",", "null", "~", "\u00a0", "\n  ", "\n# c", "\\", "😀",
                        "\t", "\r")
                .list().ofMaxSize(16).map(tokens -> "k:" + String.join("", tokens));
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> line = Combinators.combine(keys(), rarely(" ", "  ", ""), values(), fillers())
                .as((key, space, value, filler) -> key + ":" + (value.isEmpty() || value.startsWith("\n") ? "" : space)
                        + value + filler);
        return Combinators.combine(fillers(), line.list().ofMinSize(1).ofMaxSize(6), Arbitraries.of("", "\n"))
                .as((head, lines, tail) -> (head.isEmpty() ? "" : head.substring(1) + "\n")
                        + String.join("\n", lines) + tail)
                .withoutEdgeCases();
    }

    /** Keys, mostly good and mostly distinct. */
    private static Arbitrary<String> keys() {
        Arbitrary<String> good = Combinators.combine(
                        Arbitraries.of("title", "date", "tags", "categories", "source", "a-b", "_x", "k9", "0", "null",
                                "true", "x-"),
                        Arbitraries.frequencyOf(weighted(1, Arbitraries.just("")),
                                weighted(3, Arbitraries.integers().between(1, 99).map(String::valueOf))))
                .as(String::concat);
        return Arbitraries.frequencyOf(weighted(50, good),
                weighted(1, Arbitraries.of("-a", "a b", "a ", "标题", "\"q\"", "? a", "a\t", "  a", "a:b", "[a]")));
    }

    /** Mostly the first, now and then one of the others. */
    private static Arbitrary<String> rarely(String usual, String... others) {
        return Arbitraries.frequencyOf(weighted(25, Arbitraries.just(usual)), weighted(1, Arbitraries.of(others)));
    }

    private static Arbitrary<String> values() {
        Arbitrary<String> text = pieces();
        return Arbitraries.frequencyOf(
                weighted(5, text),
                weighted(3, text.map(t -> "\"" + t + "\"")),
                weighted(2, text.map(t -> "'" + t + "'")),
                weighted(3, Combinators.combine(text.list().ofMaxSize(4), Arbitraries.of(",", ", ", " , ", ",  "),
                        Arbitraries.of("[", "[ "), Arbitraries.of("]", " ]"))
                        .as((items, comma, open, close) -> open + String.join(comma, items) + close)),
                weighted(2, Arbitraries.of("", " ", "  ")),
                weighted(4, blockSequences()))
                .flatMap(v -> Arbitraries.frequencyOf(weighted(25, Arbitraries.just(v)),
                        weighted(1, Arbitraries.of(v + " ", v + "  ", v + " # c", v + "#c", v + "x"))));
    }

    private static Arbitrary<String> blockSequences() {
        return Arbitraries.of(0, 1, 2, 2, 4).flatMap(indent -> Combinators.combine(
                        fillers(), items(indent).list().ofMinSize(1).ofMaxSize(4))
                .as((before, items) -> before + "\n" + String.join("\n", items)));
    }

    /** A block sequence item, now and then indented one space more or less than the others. */
    private static Arbitrary<String> items(int indent) {
        return Combinators.combine(
                        Arbitraries.frequencyOf(weighted(15, Arbitraries.just(indent)),
                                weighted(1, Arbitraries.of(Math.max(0, indent - 1), indent + 1))),
                        rarely("- ", "-  ", "-"),
                        Arbitraries.frequencyOf(weighted(6, pieces()), weighted(1, pieces().map(t -> "'" + t + "'")),
                                weighted(1, pieces().map(t -> "\"" + t + "\"")), weighted(1, Arbitraries.just(""))),
                        fillers())
                .as((n, dash, value, filler) -> " ".repeat(n) + dash + value + filler);
    }

    /** Text for scalars: mostly ordinary, with every character the subset cares about. */
    private static Arbitrary<String> pieces() {
        Arbitrary<String> words = Arbitraries.of("a", "b", "Hello", "x y", "0", "12", "012", "false", "null", "~",
                "2022-05-26 12:19:14 +0800", "人工智能", "智通财经网", "微软 Meta", "😀", "\u3000", "\u00a0", "a-b",
                "()", "（）");
        Arbitrary<String> marks = Arbitraries.of(",", "-", ".", "!", "&", "*", "|", ">", "%", "@", "?", "$x", "x:y",
                "x#y", "it's");
        Arbitrary<String> edgy = Arbitraries.of(": ", ":", " #", "#", "'", "''", "\"", "[", "]", "{", "}", " ", "  ",
                "\\", "`", "${A}", "- ", "\t", "\r", "\r\n", "\u0000", "\u0007", "\u007f", "\u0085", "\u2028", "\uFEFF",
                "\uFFFE", "\uD800", "\uDC00", "\n", "\n  ", "\n- ", "\n# c");
        Arbitrary<String> piece = Arbitraries.frequencyOf(weighted(60, words), weighted(6, marks), weighted(2, edgy));
        return piece.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("", l));
    }

    /** What may follow a line: mostly nothing, else blank or comment lines, a continuation, a marker. */
    private static Arbitrary<String> fillers() {
        return Arbitraries.frequencyOf(
                weighted(40, Arbitraries.just("")),
                weighted(8, Arbitraries.of("\n", "\n   ", "\n# comment", "\n  # indented comment", "\n#", "\n\n# c\n")),
                weighted(1, Arbitraries.of("\n  continued", "\n---", "\n...", "\n- stray", "\n\tx", " ")));
    }

    private static <T> Tuple2<Integer, Arbitrary<? extends T>> weighted(int weight, Arbitrary<T> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }

    private static Value snakeYaml(String text) {
        try {
            return YamlTree.parseWithSnakeYaml(text, MAX_CHARS, 1)
                    .orElseGet(() -> fail("SnakeYAML found no document where the fast path found one: " + text));
        } catch (YamlTree.YamlException e) {
            return fail("SnakeYAML rejects what the fast path accepted (" + e.getMessage() + "): " + text);
        }
    }

    /** Equal trees (records' equals) with keys in the same order. */
    private static void assertSameTree(Value expected, Value actual, String text) {
        assertEquals(expected, actual, () -> "tree differs for: " + text);
        assertEquals(keyOrder(expected), keyOrder(actual), () -> "key order differs for: " + text);
    }

    private static String keyOrder(Value value) {
        StringBuilder sb = new StringBuilder();
        if (value instanceof MapValue map) {
            map.entries().forEach((k, v) -> sb.append(k).append('{').append(keyOrder(v)).append('}'));
        } else if (value instanceof Seq seq) {
            seq.items().forEach(v -> sb.append('[').append(keyOrder(v)).append(']'));
        }
        return sb.toString();
    }
}
