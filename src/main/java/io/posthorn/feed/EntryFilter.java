package io.posthorn.feed;

import io.posthorn.article.Article;
import io.posthorn.clean.Fold;
import io.posthorn.index.FeedKind;
import io.posthorn.index.IndexSnapshot;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which entries of a feed a reader keeps: {@code ?q=} keeps entries whose title, tags, source,
 * categories or securities (codes, and the display names of {@link IndexSnapshot#stockName}) contain every word, a word being alternatives
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

    /**
     * The articles this filter keeps, in their order. Each word is matched once against the
     * snapshot's distinct tag, category, source and stock names (a few thousand), so that for
     * each article only its title is searched, with {@link String#indexOf(int)} for the word's
     * first character in each of its forms, and the rest are set lookups.
     */
    public List<Article> select(List<Article> articles, IndexSnapshot snapshot) {
        List<List<Word>> groups = new ArrayList<>(all.size());
        for (List<String> group : all) {
            List<Word> words = new ArrayList<>(group.size());
            for (String w : group) {
                words.add(new Word(w, snapshot));
            }
            groups.add(words);
        }
        List<Word> excluded = new ArrayList<>(none.size());
        for (String w : none) {
            excluded.add(new Word(w, snapshot));
        }
        List<Article> kept = new ArrayList<>();
        for (Article a : articles) {
            if (keeps(a, groups, excluded)) {
                kept.add(a);
            }
        }
        return kept;
    }

    private boolean keeps(Article a, List<List<Word>> groups, List<Word> excluded) {
        for (List<Word> group : groups) {
            boolean any = false;
            for (Word word : group) {
                if (titleOnly ? word.inText(a.title()) : word.mentionedBy(a)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        for (Word word : excluded) {
            if (word.mentionedBy(a)) {
                return false;
            }
        }
        return true;
    }

    /** One folded word, ready to match: its first character's forms, and the names that contain it. */
    private static final class Word {
        private final String folded;
        private final char[] firsts;
        private final Set<String> names = new HashSet<>();
        private final Set<String> codes = new HashSet<>();

        Word(String folded, IndexSnapshot snapshot) {
            this.folded = folded;
            this.firsts = Fold.forms(folded.charAt(0));
            for (FeedKind kind : new FeedKind[] {FeedKind.TAG, FeedKind.CATEGORY, FeedKind.SOURCE}) {
                for (String name : snapshot.feeds(kind).keySet()) {
                    if (Fold.contains(name, folded)) {
                        names.add(name);
                    }
                }
            }
            for (String code : snapshot.feeds(FeedKind.STOCK).keySet()) {
                String name = snapshot.stockName(code);
                if (Fold.contains(code, folded) || name != null && Fold.contains(name, folded)) {
                    codes.add(code);
                }
            }
        }

        boolean mentionedBy(Article a) {
            if (inText(a.title())) {
                return true;
            }
            return !names.isEmpty() && inNames(a) || !codes.isEmpty() && inCodes(a); // empty: not even read
        }

        private boolean inNames(Article a) {
            if (a.source() != null && names.contains(a.source())) {
                return true;
            }
            for (String t : a.tags()) {
                if (names.contains(t)) {
                    return true;
                }
            }
            for (String c : a.categories()) {
                if (names.contains(c)) {
                    return true;
                }
            }
            return false;
        }

        private boolean inCodes(Article a) {
            for (String code : a.stocks()) {
                if (codes.contains(code)) {
                    return true;
                }
            }
            return false;
        }

        boolean inText(String text) {
            int n = folded.length();
            for (char first : firsts) {
                for (int i = text.indexOf(first); i >= 0 && i <= text.length() - n; i = text.indexOf(first, i + 1)) {
                    if (Fold.regionMatches(text, i + 1, folded, 1)) {
                        return true;
                    }
                }
            }
            return false;
        }
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
