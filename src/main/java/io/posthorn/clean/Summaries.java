package io.posthorn.clean;

import java.text.BreakIterator;
import java.util.Locale;

/**
 * Cuts plain text to a budget of code points for a summary: never inside a grapheme (surrogate
 * pairs, combining marks), preferring a sentence end ({@code 。！？；.!?}) in the last 30% of
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

    /** Whether {@code text} has a sentence end just before {@code end}; a Latin one only before a space (not "2.5"). */
    private static boolean isSentenceEnd(String text, int end) {
        char c = text.charAt(end - 1);
        if (SENTENCE_ENDS.indexOf(c) < 0) {
            return false;
        }
        return c > 0x7F || end == text.length() || Character.isWhitespace(text.charAt(end));
    }
}
