package io.posthorn.clean;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The named sets of cleaning rules that ship with Posthorn, read from resources beside this class
 * ({@code rules/NAME.rules}: one rule a line, {@code kind value}, {@code #} comments). Another
 * site's rules are one more file and one more name in {@link #KNOWN}. Loaded once; immutable.
 */
public final class RuleSets {
    private static final List<String> KNOWN = List.of("generic", "eastmoney");
    private static final Map<String, CleanRules> SETS = load();
    static final CleanRules DEFAULTS = SETS.get("generic").plus(SETS.get("eastmoney"));

    private RuleSets() {
    }

    /** The names of the shipped sets. */
    public static List<String> known() {
        return KNOWN;
    }

    /** @throws IllegalArgumentException for a name that is not a shipped set */
    public static CleanRules named(String name) {
        CleanRules rules = SETS.get(name);
        if (rules == null) {
            throw new IllegalArgumentException("unknown rule set '" + name + "' (known: " + String.join(", ", KNOWN) + ")");
        }
        return rules;
    }

    private static Map<String, CleanRules> load() {
        java.util.LinkedHashMap<String, CleanRules> sets = new java.util.LinkedHashMap<>();
        for (String name : KNOWN) {
            sets.put(name, parse(name, read(name)));
        }
        return Map.copyOf(sets);
    }

    private static String read(String name) {
        try (InputStream in = RuleSets.class.getResourceAsStream("rules/" + name + ".rules")) {
            if (in == null) {
                throw new IllegalStateException("missing resource rules/" + name + ".rules");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one set; a bad line is a bug in the shipped file and fails loudly with its line. */
    static CleanRules parse(String name, String text) {
        List<String> remove = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        List<String> drop = new ArrayList<>();
        List<String> skip = new ArrayList<>();
        List<String> attribution = new ArrayList<>();
        List<Pattern> blocks = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            String kind = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1).strip();
            switch (kind) {
                case "remove" -> remove.add(value);
                case "image_host" -> hosts.add(value);
                case "drop_line" -> drop.add(value);
                case "summary_skip_line" -> skip.add(value);
                case "attribution" -> attribution.add(value);
                case "remove_block" -> blocks.add(Pattern.compile(value));
                default -> throw new IllegalStateException("rules/" + name + ".rules:" + (i + 1) + ": unknown kind '" + kind + "'");
            }
        }
        CleanRules.checkSelectors(remove);
        return new CleanRules(remove, hosts, CleanRules.patterns(drop, false), CleanRules.patterns(skip, false),
                CleanRules.patterns(attribution, true), blocks);
    }
}
