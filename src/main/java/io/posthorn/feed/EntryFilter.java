package io.posthorn.feed;

import io.posthorn.article.Article;
import io.posthorn.clean.Fold;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which entries of a feed a reader keeps: {@code ?q=} keeps entries whose title, tags, source,
 * categories or securities (codes and names) contain every word, a word being alternatives
 * separated by {@code |} ({@code 回购|增持 宁德时代}); {@code ?not=} drops entries that contain any
 * of its words. Latin letters match in any case, Traditional and Simplified characters match
 * each other ({@link Fold}; words are kept folded, so {@code 回購} and {@code 回购} are one filter). RSSHub's {@code filter} (alternatives, any
 * field), {@code filter_title} (alternatives, the title only) and {@code filterout} are read as
 * the same. Part of a document's cache key, so equal filters share a rendering. Immutable.
 *
 * @param all        groups that must all match; each group matches when one of its words does
 * @param none       words of which none may match
 * @param titleOnly  whether {@code all} looks at titles only ({@code filter_title})
 */
public record EntryFilter(List<List<String>> all, List<String> none, boolean titleOnly) {
    public static final int MAX_WORDS = 20;
    public static final int MAX_CHARS = 200;

    public EntryFilter {
        all = all.stream().map(List::copyOf).toList();
        none = List.copyOf(none);
    }

    /** The articles this filter keeps, in their order; {@code stockName} as for {@link #keeps}. */
    public List<Article> select(List<Article> articles, Function<String, String> stockName) {
        List<Article> kept = new ArrayList<>();
        for (Article a : articles) {
            if (keeps(a, stockName)) {
                kept.add(a);
            }
        }
        return kept;
    }

    /** Whether {@code a} stays, its securities' names given by {@code stockName}. */
    public boolean keeps(Article a, Function<String, String> stockName) {
        for (List<String> group : all) {
            boolean any = false;
            for (String word : group) {
                if (titleOnly ? contains(a.title(), word) : mentions(a, word, stockName)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        for (String word : none) {
            if (mentions(a, word, stockName)) {
                return false;
            }
        }
        return true;
    }

    private static boolean mentions(Article a, String word, Function<String, String> stockName) {
        if (contains(a.title(), word) || a.source() != null && contains(a.source(), word)) {
            return true;
        }
        for (String t : a.tags()) {
            if (contains(t, word)) {
                return true;
            }
        }
        for (String c : a.categories()) {
            if (contains(c, word)) {
                return true;
            }
        }
        for (int i = 0; i < a.stocks().size(); i++) {
            if (contains(a.stocks().get(i), word) || contains(a.stockNames().get(i), word)
                    || contains(stockName.apply(a.stocks().get(i)), word)) {
                return true;
            }
        }
        return false;
    }

    /** Containment with both sides folded: Latin letters in any case, Traditional and Simplified alike. */
    static boolean contains(String text, String word) {
        return Fold.contains(text, word);
    }

    /**
     * A filter from the query's words, or null when there is none (an empty {@code q} is no filter).
     *
     * @throws IllegalArgumentException with a reason for a 400
     */
    public static EntryFilter of(String q, String not, String rsshubFilter, String rsshubTitle, String rsshubOut) {
        List<List<String>> all = new ArrayList<>();
        List<String> none = new ArrayList<>();
        boolean titleOnly = false;
        if (q != null) {
            for (String word : words(q, "q")) {
                all.add(alternatives(word, "q"));
            }
        }
        if (rsshubFilter != null && !rsshubFilter.isBlank()) {
            all.add(alternatives(check(rsshubFilter, "filter").strip(), "filter"));
        }
        if (rsshubTitle != null && !rsshubTitle.isBlank()) {
            if (!all.isEmpty()) {
                throw new IllegalArgumentException("Bad parameter filter_title: cannot be combined with q or filter");
            }
            all.add(alternatives(check(rsshubTitle, "filter_title").strip(), "filter_title"));
            titleOnly = true;
        }
        if (not != null) {
            for (String word : words(not, "not")) {
                none.addAll(alternatives(word, "not"));
            }
        }
        if (rsshubOut != null && !rsshubOut.isBlank()) {
            none.addAll(alternatives(check(rsshubOut, "filterout").strip(), "filterout"));
        }
        if (all.size() + none.size() > MAX_WORDS) {
            throw new IllegalArgumentException("Bad parameters q/not: at most " + MAX_WORDS + " words");
        }
        return all.isEmpty() && none.isEmpty() ? null : new EntryFilter(all, none, titleOnly);
    }

    private static String check(String text, String name) {
        if (text.codePointCount(0, text.length()) > MAX_CHARS) {
            throw new IllegalArgumentException("Bad parameter " + name + ": at most " + MAX_CHARS + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new IllegalArgumentException("Bad parameter " + name + ": control characters are not allowed");
            }
        }
        return text;
    }

    private static List<String> words(String text, String name) {
        List<String> words = new ArrayList<>();
        for (String w : check(text, name).split("[\\s\\u3000]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private static List<String> alternatives(String word, String name) {
        List<String> out = new ArrayList<>();
        for (String alt : word.split("\\|")) {
            String a = Fold.of(alt.strip());
            if (!a.isEmpty() && !out.contains(a)) {
                out.add(a);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Bad parameter " + name + ": '" + word + "' has no word between its |");
        }
        return out;
    }

    /** The canonical query of this filter, e.g. {@code q=回购|增持+宁德时代&not=传闻}, percent-encoded. */
    public String query() {
        StringBuilder q = new StringBuilder();
        if (!all.isEmpty()) {
            q.append(titleOnly ? "filter_title=" : "q=");
            List<String> groups = new ArrayList<>();
            for (List<String> g : all) {
                groups.add(String.join("|", g));
            }
            q.append(encode(String.join(" ", groups)));
        }
        if (!none.isEmpty()) {
            q.append(q.length() > 0 ? "&" : "").append("not=").append(encode(String.join(" ", none)));
        }
        return q.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("%7C", "|");
    }

    @Override
    public String toString() {
        return Objects.toString(query());
    }
}
