package io.posthorn.feed;

/**
 * What an upstream document's prolog says before its root element: whether it declares entities
 * of its own, which Posthorn refuses (no entity is ever expanded, however it is hidden). Stateless.
 */
final class XmlProlog {
    private XmlProlog() {
    }

    /**
     * Whether the prolog holds a DOCTYPE whose internal subset declares an entity. The prolog is
     * walked as XML defines it (declaration, comments, processing instructions, white space) up
     * to the DOCTYPE or the root element, however long it is; text after the root element (an
     * article about XXE in a CDATA section, say) is never mistaken for a declaration.
     */
    static boolean declaresEntities(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\uFEFF' || Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("<?", i)) {
                int end = text.indexOf("?>", i + 2);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i + 4);
                if (end < 0) {
                    return false;
                }
                i = end + 3;
            } else if (text.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
                return internalSubsetDeclaresEntities(text, i + 9);
            } else {
                return false; // the root element: no DOCTYPE
            }
        }
        return false;
    }

    /**
     * From inside a DOCTYPE: whether an entity is declared before the root element begins. The
     * whole stretch up to the first {@code <} that opens an element (outside comments) is
     * searched, not only a bracketed subset, so no quoting or commenting trick inside the
     * subset hides a declaration (refusing is safe: feeds have no business declaring entities).
     */
    private static boolean internalSubsetDeclaresEntities(String text, int from) {
        int i = from;
        while (i < text.length()) {
            if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i + 4);
                if (end < 0) {
                    return false;
                }
                i = end + 3;
            } else if (text.regionMatches(true, i, "<!ENTITY", 0, 8)) {
                return true;
            } else if (text.charAt(i) == '<' && i + 1 < text.length()
                    && (Character.isLetter(text.charAt(i + 1)) || text.charAt(i + 1) == '_' || text.charAt(i + 1) == ':')) {
                return false; // the root element
            } else {
                i++;
            }
        }
        return false;
    }
}
