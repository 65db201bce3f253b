package io.posthorn.clean;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * What the cleaner removes and recognises, as data: CSS selectors of junk, hosts whose images are
 * dropped, text lines dropped from content and summary, lines kept in content but out of the
 * summary, and attribution patterns (group 1 is the source name). The defaults match the real
 * articles; {@code feeds.yml} adds to them or replaces them. Immutable and thread-safe; validated
 * once, at start-up.
 */
public record CleanRules(List<String> removeSelectors, List<String> imageHosts, List<Pattern> dropLines,
                         List<Pattern> summarySkipLines, List<Pattern> attribution) {

    /** Hidden elements, stock-chart links and the attribution paragraph of the real articles. */
    public static final List<String> DEFAULT_SELECTORS = List.of(
            "[hidden]", "[style~=(?i)display\\s*:\\s*none]", "[style~=(?i)visibility\\s*:\\s*hidden]",
            "[aria-hidden=true]", "a.EmImageRemark", ".em_media", "img[width=1][height=1]", "img[width=0]");
    public static final List<String> DEFAULT_IMAGE_HOSTS = List.of(
            "webquoteklinepic.eastmoney.com", "webquotepic.eastmoney.com", "quote.eastmoney.com",
            "hqres.eastmoney.com");
    public static final List<String> DEFAULT_DROP_LINES = List.of(
            "^[（(]?责任编辑[：:].{0,20}$", "^[（(]?编辑[：:].{0,20}$", "^返回.{0,30}$");
    public static final List<String> DEFAULT_SUMMARY_SKIP_LINES = List.of("^原标题[：:].*$");
    public static final List<String> DEFAULT_ATTRIBUTION = List.of(
            "^[（(【\\[]?\\s*(?:文章|本文|新闻|消息)?来源\\s*[：:]\\s*([^（()）【】\\[\\]]{1,40}?)\\s*[）)】\\]]?\\s*[。.]?$");

    public CleanRules {
        removeSelectors = List.copyOf(removeSelectors);
        imageHosts = imageHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        dropLines = List.copyOf(dropLines);
        summarySkipLines = List.copyOf(summarySkipLines);
        attribution = List.copyOf(attribution);
    }

    public static CleanRules defaults() {
        return of(List.of(), List.of(), List.of(), List.of(), List.of(), true);
    }

    /**
     * Rules from configuration text.
     *
     * @param keepDefaults add to the defaults (true) or replace them (false)
     * @throws IllegalArgumentException naming the bad selector or pattern
     */
    public static CleanRules of(List<String> selectors, List<String> imageHosts, List<String> dropLines,
                                List<String> summarySkipLines, List<String> attribution, boolean keepDefaults) {
        List<String> s = merge(keepDefaults, DEFAULT_SELECTORS, selectors);
        checkSelectors(s);
        return new CleanRules(s, merge(keepDefaults, DEFAULT_IMAGE_HOSTS, imageHosts),
                patterns(merge(keepDefaults, DEFAULT_DROP_LINES, dropLines), false),
                patterns(merge(keepDefaults, DEFAULT_SUMMARY_SKIP_LINES, summarySkipLines), false),
                patterns(merge(keepDefaults, DEFAULT_ATTRIBUTION, attribution), true));
    }

    /** These rules followed by {@code extra}'s (a source's own rules on top of the global ones). */
    public CleanRules plus(CleanRules extra) {
        return new CleanRules(concat(removeSelectors, extra.removeSelectors), concat(imageHosts, extra.imageHosts),
                concat(dropLines, extra.dropLines), concat(summarySkipLines, extra.summarySkipLines),
                concat(attribution, extra.attribution));
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

    private static List<String> merge(boolean keepDefaults, List<String> defaults, List<String> extra) {
        List<String> all = new ArrayList<>(keepDefaults ? defaults : List.of());
        all.addAll(Objects.requireNonNull(extra));
        return all;
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
