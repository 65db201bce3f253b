package io.posthorn.clean;

/**
 * Removes characters XML 1.0 forbids (C0 controls but tab, newline and carriage return;
 * U+FFFE/U+FFFF; lone surrogates) and the ones it allows but no reader wants: DEL and the C1
 * controls (U+007F–U+009F, an error in HTML, garbage in a title), except NEL (U+0085), which
 * becomes a space. Every string bound for a feed passes here, once.
 */
public final class XmlText {
    private XmlText() {
    }

    /** {@code text} without XML-illegal characters; the same instance when there are none. */
    public static String legal(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (!legalAt(text, i)) {
                return rebuild(text);
            }
            if (Character.isHighSurrogate(text.charAt(i))) {
                i++;
            }
        }
        return text;
    }

    private static boolean legalAt(String text, int i) {
        char c = text.charAt(i);
        if (c >= 0x20 && c < 0x7F || c > 0x9F && c < 0xD800) {
            return true;
        }
        if (c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        if (c >= 0xE000 && c <= 0xFFFD) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return false;
    }

    private static String rebuild(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\u0085') {
                out.append(' ');
            } else if (legalAt(text, i)) {
                out.append(text.charAt(i));
                if (Character.isHighSurrogate(text.charAt(i))) {
                    out.append(text.charAt(++i));
                }
            }
        }
        return out.toString();
    }
}
