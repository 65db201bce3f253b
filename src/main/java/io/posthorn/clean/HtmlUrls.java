package io.posthorn.clean;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

/**
 * Makes the links and image URLs of an HTML fragment absolute, against the page it came from
 * (an upstream entry's link, say), so the fragment means the same wherever it is stored. Nothing
 * else is changed here: cleaning comes later, from the stored copy. Stateless.
 */
public final class HtmlUrls {
    private HtmlUrls() {
    }

    /** {@code html} with every {@code href}, {@code src} and {@code poster} resolved against {@code base}. */
    public static String absolute(String html, String base) {
        if (base == null || html.isEmpty() || html.indexOf('<') < 0) {
            return html;
        }
        Document doc = Jsoup.parseBodyFragment(html, base);
        doc.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.xhtml)
                .charset(java.nio.charset.StandardCharsets.UTF_8);
        for (Element e : doc.body().select("[href], [src], [poster]")) {
            for (String attr : new String[] {"href", "src", "poster"}) {
                if (e.hasAttr(attr)) {
                    String abs = e.absUrl(attr);
                    if (!abs.isEmpty()) {
                        e.attr(attr, abs);
                    }
                }
            }
        }
        return doc.body().html();
    }
}
