package io.posthorn.clean;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * What the cleaner removes and recognises, as data: CSS selectors of junk, hosts whose images are
 * dropped, text lines dropped from content and summary, lines kept in content but out of the
 * summary, attribution patterns (group 1 is the source name) and blocks of the raw body removed
 * before anything else (stock-chart blocks). Named sets of rules ship as resources beside this
 * class ({@code rules/generic.rules}, {@code rules/eastmoney.rules}; see {@link RuleSets});
 * {@code feeds.yml} chooses the sets and adds its own rules. Immutable and thread-safe;
 * validated once, at start-up.
 */
public record CleanRules(List<String> removeSelectors, List<String> imageHosts, List<Pattern> dropLines,
                         List<Pattern> summarySkipLines, List<Pattern> attribution, List<Pattern> removeBlocks) {
    /** The sets used when {@code feeds.yml} names none. */
    public static final List<String> DEFAULT_SETS = List.of("generic", "eastmoney");

    public CleanRules {
        removeSelectors = List.copyOf(removeSelectors);
        imageHosts = imageHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        dropLines = List.copyOf(dropLines);
        summarySkipLines = List.copyOf(summarySkipLines);
        attribution = List.copyOf(attribution);
        removeBlocks = List.copyOf(removeBlocks);
    }

    /** The default sets, nothing added. */
    public static CleanRules defaults() {
        return RuleSets.DEFAULTS;
    }

    /** No rules at all. */
    public static CleanRules none() {
        return new CleanRules(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Rules from configuration text, on top of the named sets.
     *
     * @param sets names of rule sets ({@link RuleSets#known()}), in order
     * @throws IllegalArgumentException naming the bad set, selector or pattern
     */
    public static CleanRules of(List<String> sets, List<String> selectors, List<String> imageHosts,
                                List<String> dropLines, List<String> summarySkipLines, List<String> attribution) {
        CleanRules base = none();
        for (String set : sets) {
            base = base.plus(RuleSets.named(set));
        }
        checkSelectors(selectors);
        return base.plus(new CleanRules(selectors, imageHosts, patterns(dropLines, false),
                patterns(summarySkipLines, false), patterns(attribution, true), List.of()));
    }

    /** As {@link #of(List, List, List, List, List, List)}, with the default sets or none. */
    public static CleanRules of(List<String> selectors, List<String> imageHosts, List<String> dropLines,
                                List<String> summarySkipLines, List<String> attribution, boolean keepDefaults) {
        return of(keepDefaults ? DEFAULT_SETS : List.of(), selectors, imageHosts, dropLines, summarySkipLines,
                attribution);
    }

    /** These rules followed by {@code extra}'s (a source's own rules on top of the global ones). */
    public CleanRules plus(CleanRules extra) {
        return new CleanRules(concat(removeSelectors, extra.removeSelectors), concat(imageHosts, extra.imageHosts),
                concat(dropLines, extra.dropLines), concat(summarySkipLines, extra.summarySkipLines),
                concat(attribution, extra.attribution), concat(removeBlocks, extra.removeBlocks));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** @throws IllegalArgumentException naming the first selector jsoup cannot parse */
    public static void checkSelectors(List<String> selectors) {
        for (String selector : selectors) {
            try {
                QueryParser.parse(selector);
            } catch (Selector.SelectorParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException("not a CSS selector: '" + selector + "' (" + e.getMessage() + ")");
            }
        }
    }

    /** The source named by one line of text, or null. The line is collapsed plain text. */
    public String attributionIn(String line) {
        for (Pattern p : attribution) {
            var m = p.matcher(line.strip());
            if (m.matches() && m.group(1) != null && !m.group(1).isBlank()) {
                return m.group(1).strip();
            }
        }
        return null;
    }

    public boolean dropsLine(String line) {
        return anyMatches(dropLines, line);
    }

    public boolean skipsInSummary(String line) {
        return anyMatches(summarySkipLines, line);
    }

    /** {@code body} without the blocks the rules remove before anything else (stock-chart blocks). */
    public String withoutBlocks(String body) {
        String out = body;
        for (Pattern p : removeBlocks) {
            out = p.matcher(out).replaceAll("");
        }
        return out;
    }

    /** Whether {@code src} points at a host whose images are dropped (stock charts, trackers). */
    public boolean dropsImage(String src) {
        String lower = src.strip().toLowerCase(Locale.ROOT);
        int scheme = lower.indexOf("://");
        int start = lower.startsWith("//") ? 2 : scheme < 0 ? -1 : scheme + 3;
        if (start < 0) {
            return false;
        }
        int end = start;
        while (end < lower.length() && "/?#:".indexOf(lower.charAt(end)) < 0) {
            end++;
        }
        String host = lower.substring(start, end);
        for (String h : imageHosts) {
            if (host.equals(h) || host.endsWith("." + h)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatches(List<Pattern> patterns, String line) {
        for (Pattern p : patterns) {
            if (p.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Compiles regular expressions.
     *
     * @param needsGroup each must capture the source name in group 1
     * @throws IllegalArgumentException naming the first bad expression
     */
    public static List<Pattern> patterns(List<String> regexes, boolean needsGroup) {
        List<Pattern> out = new ArrayList<>();
        for (String regex : regexes) {
            Pattern p;
            try {
                p = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a regular expression: '" + regex + "' ("
                        + e.getDescription() + ")");
            }
            if (needsGroup && p.matcher("").groupCount() < 1) {
                throw new IllegalArgumentException("'" + regex + "' needs a group (…) that captures the source name");
            }
            out.add(p);
        }
        return out;
    }
}
