package io.posthorn.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/** Finds anything active in HTML as a browser would parse it: scripts, handlers, dangerous URLs. */
public final class ActiveContent {
    private static final Set<String> ACTIVE_TAGS = Set.of("script", "iframe", "object", "embed", "style", "meta",
            "base", "link", "form", "svg", "math", "frame", "frameset", "applet", "template", "noscript");

    private ActiveContent() {
    }

    /** Descriptions of active content in {@code html}; empty when it is inert. */
    public static List<String> in(String html) {
        List<String> found = new ArrayList<>();
        for (Element el : Jsoup.parseBodyFragment(html).body().getAllElements()) {
            if (ACTIVE_TAGS.contains(el.normalName())) {
                found.add("<" + el.normalName() + ">");
            }
            for (Attribute attr : el.attributes()) {
                String name = attr.getKey().toLowerCase(Locale.ROOT);
                String value = attr.getValue().replaceAll("[\\s\\x00-\\x20]", "").toLowerCase(Locale.ROOT);
                if (name.startsWith("on")) {
                    found.add(name + " on <" + el.normalName() + ">");
                }
                if (name.equals("style") || name.equals("srcdoc") || name.equals("formaction")) {
                    found.add(name + " attribute");
                }
                if (value.startsWith("javascript:") || value.startsWith("vbscript:") || value.startsWith("data:")) {
                    found.add(name + "=" + value);
                }
            }
        }
        return found;
    }
}
