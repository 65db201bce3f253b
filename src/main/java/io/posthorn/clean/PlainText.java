package io.posthorn.clean;

import org.jsoup.Jsoup;

/**
 * Plain-text fields (titles, tags, categories, source names): markup removed, entities decoded,
 * whitespace (including the ideographic space) collapsed, XML-illegal characters dropped.
 * The result is escaped once, by whatever serialises it.
 */
public final class PlainText {
    private PlainText() {
    }

    public static String of(String text) {
        String plain = text;
        if (plain.indexOf('<') >= 0 || plain.indexOf('&') >= 0) {
            plain = Jsoup.parseBodyFragment(plain).body().text();
        }
        return collapse(XmlText.legal(plain));
    }

    /** Collapses runs of whitespace and ideographic spaces to one space, and trims. */
    static String collapse(String text) {
        if (collapsed(text)) {
            return text; // most names and titles: no copy
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // no character above U+3000 (the ideographic space) nor visible ASCII is a space: skip the lookups
            if ((c <= ' ' || (c >= 0x7F && c <= 0x3000)) && (Character.isWhitespace(c) || Character.isSpaceChar(c))) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether {@link #collapse} would give {@code text} back: no space at either end, only single ASCII spaces. */
    private static boolean collapsed(String text) {
        boolean space = true; // a space first is not collapsed
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c <= ' ' || (c >= 0x7F && c <= 0x3000)) && (Character.isWhitespace(c) || Character.isSpaceChar(c))) {
                if (space || c != ' ') {
                    return false;
                }
                space = true;
            } else {
                space = false;
            }
        }
        return !space || text.isEmpty();
    }
}
