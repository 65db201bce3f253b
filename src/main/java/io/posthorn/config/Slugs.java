package io.posthorn.config;

import java.util.Locale;

/** Folder names made from labels: letters and digits kept (any script), runs of the rest become one {@code -}. Stateless. */
final class Slugs {
    private static final int MAX = 60;

    private Slugs() {
    }

    static String of(String label) {
        StringBuilder out = new StringBuilder();
        boolean dash = false;
        for (int i = 0; i < label.length() && out.length() < MAX; ) {
            int c = label.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c)) {
                if (dash && out.length() > 0) {
                    out.append('-');
                }
                dash = false;
                out.appendCodePoint(c);
            } else {
                dash = true;
            }
        }
        String slug = out.toString().toLowerCase(Locale.ROOT);
        return slug.isEmpty() ? "feed" : slug;
    }
}
