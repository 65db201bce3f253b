package io.posthorn.clean;

import java.text.BreakIterator;
import java.util.Locale;

/**
 * Cuts plain text to a budget of code points for a summary: never inside a grapheme (surrogate
 * pairs, combining marks, emoji sequences), preferring a sentence end ({@code 。！？；.!?}) in the last 30% of
 * the budget, and ending with {@code …} when cut.
 */
public final class Summaries {
    private static final String SENTENCE_ENDS = "。！？；.!?";

    private Summaries() {
    }

    /** {@code text} (already collapsed plain text) cut to at most {@code maxChars} code points. */
    public static String cut(String text, int maxChars) {
        if (text.codePointCount(0, text.length()) <= maxChars) {
            return text;
        }
        // the ellipsis takes one code point of the budget
        int budget = maxChars - 1;
        BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
        graphemes.setText(text);
        int end = 0;
        int count = 0;
        int sentenceEnd = -1;
        int windowStart = (int) Math.ceil(budget * 0.7);
        for (int next = graphemes.next(); next != BreakIterator.DONE; next = graphemes.next()) {
            if (joined(text, next)) {
                continue; // inside an emoji sequence that Java 17's iterator splits: not a place to cut
            }
            int size = text.codePointCount(end, next);
            if (count + size > budget) {
                break;
            }
            count += size;
            end = next;
            if (count >= windowStart && isSentenceEnd(text, end)) {
                sentenceEnd = end;
            }
        }
        if (sentenceEnd > 0) {
            return text.substring(0, sentenceEnd) + "…";
        }
        return text.substring(0, end).stripTrailing() + "…";
    }

    /**
     * Whether {@code at}, a boundary Java 17's grapheme iterator reports, lies inside an emoji
     * sequence that Unicode keeps whole (UAX #29 rules GB9, GB11, GB12/13; Java 20 knows them): before
     * a zero-width joiner, a variation selector, a skin-tone modifier or a tag character; after a
     * zero-width joiner; between the two regional indicators of a flag.
     */
    private static boolean joined(String text, int at) {
        if (at <= 0 || at >= text.length()) {
            return false;
        }
        int after = text.codePointAt(at);
        if (after == 0x200D || (after >= 0xFE00 && after <= 0xFE0F) || (after >= 0x1F3FB && after <= 0x1F3FF)
                || (after >= 0xE0020 && after <= 0xE007F)) {
            return true;
        }
        int before = text.codePointBefore(at);
        if (before == 0x200D) {
            return true;
        }
        if (isRegionalIndicator(before) && isRegionalIndicator(after)) {
            int indicators = 0; // a flag is a pair: break only after an even number of them
            for (int i = at; i > 0 && isRegionalIndicator(text.codePointBefore(i)); i -= 2) {
                indicators++; // regional indicators are supplementary: two chars each
            }
            return indicators % 2 == 1;
        }
        return false;
    }

    private static boolean isRegionalIndicator(int codePoint) {
        return codePoint >= 0x1F1E6 && codePoint <= 0x1F1FF;
    }

    /** Whether {@code text} has a sentence end just before {@code end}; a Latin one only before a space (not "2.5"). */
    private static boolean isSentenceEnd(String text, int end) {
        char c = text.charAt(end - 1);
        if (SENTENCE_ENDS.indexOf(c) < 0) {
            return false;
        }
        return c > 0x7F || end == text.length() || Character.isWhitespace(text.charAt(end));
    }
}
