package io.posthorn.clean;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds a character for matching: Latin letters to lower case, Traditional Han characters (and
 * their Taiwan and Hong Kong variants) to Simplified, so {@code 回購} matches {@code 回购} and
 * {@code Tesla} matches {@code TESLA}. Character by character, from OpenCC's Traditional to
 * Simplified table (first choice where it offers several): regional vocabulary ({@code 軟體} for
 * {@code 软件}) is a different word and does not match. The table (128 KiB) is built on first use,
 * in about 50 ms.
 * Thread-safe.
 */
public final class Fold {
    private Fold() {
    }

    /** {@code text} folded character by character (same length). */
    public static String of(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Table.FOLD[text.charAt(i)];
        }
        return new String(out);
    }

    /** Whether {@code text} contains {@code folded} (already folded, not empty) once folded itself. */
    public static boolean contains(String text, String folded) {
        char[] fold = Table.FOLD;
        char first = folded.charAt(0);
        for (int i = 0, max = text.length() - folded.length(); i <= max; i++) {
            if (fold[text.charAt(i)] == first && regionMatches(text, i + 1, folded, 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The table, from OpenCC's character dictionaries as opencc4j ships them (read directly, so
     * matching never loads the phrase converters, about 27 MiB each): Traditional to Simplified
     * (first choice other than the character itself: 乾 → 干, 於 → 于), then every Traditional form
     * of a Simplified character and the Taiwan and Hong Kong variants folded to the same.
     */
    /** Every character that folds to {@code folded}: {@code 购} gives {@code 购, 購}; {@code a} gives {@code a, A}. */
    public static char[] forms(char folded) {
        StringBuilder out = new StringBuilder(4);
        char[] fold = Table.FOLD;
        for (int c = 0; c < fold.length; c++) {
            if (fold[c] == folded) {
                out.append((char) c);
            }
        }
        return out.toString().toCharArray();
    }

    /** Whether {@code text} from {@code offset} folds to {@code folded} from {@code from} to its end. */
    public static boolean regionMatches(String text, int offset, String folded, int from) {
        int n = folded.length() - from;
        if (offset + n > text.length()) {
            return false;
        }
        char[] fold = Table.FOLD;
        for (int j = 0; j < n; j++) {
            if (fold[text.charAt(offset + j)] != folded.charAt(from + j)) {
                return false;
            }
        }
        return true;
    }

    private static final class Table {
        static final char[] FOLD = build();

        private static char[] build() {
            char[] fold = new char[Character.MAX_VALUE + 1];
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                fold[c] = Character.toLowerCase((char) c);
            }
            for (String[] line : dictionary("TSCharacters.txt")) {
                char t = line[0].charAt(0);
                for (int i = 1; i < line.length; i++) {
                    if (line[i].charAt(0) != t) {
                        fold[t] = line[i].charAt(0);
                        break;
                    }
                }
            }
            for (String file : new String[] {"STCharacters.txt", "TWVariants.txt", "HKVariants.txt"}) {
                for (String[] line : dictionary(file)) {
                    char from = line[0].charAt(0);
                    for (int i = 1; i < line.length; i++) {
                        char to = line[i].charAt(0);
                        if (to != from && fold[to] == to) {
                            fold[to] = fold[from];
                        }
                    }
                }
            }
            return fold;
        }

        /** The one-character entries of a dictionary: key, then its values. */
        private static List<String[]> dictionary(String name) {
            String path = "data/dictionary/" + name;
            InputStream in = Fold.class.getClassLoader().getResourceAsStream(path);
            if (in == null) {
                throw new IllegalStateException("opencc4j's " + path + " is missing: has the library changed its layout?");
            }
            List<String[]> entries = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String[] words = line.strip().split("[\\t ]+");
                    boolean single = words.length >= 2;
                    for (String w : words) {
                        single &= w.length() == 1;
                    }
                    if (single) {
                        entries.add(words);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read opencc4j's " + path, e);
            }
            return entries;
        }
    }
}
