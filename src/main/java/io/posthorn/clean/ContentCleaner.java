package io.posthorn.clean;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;

/**
 * Turns a raw body (HTML mixed with Markdown) into safe content and a summary.
 *
 * <p>Order, and why: stock-chart blocks go first (they are delimited by comments that Markdown
 * and jsoup would otherwise move around); Markdown next, so that autolinks and {@code [text](url)}
 * become links; then the junk rules on the parsed tree; the safelist last, once, so nothing added
 * by an earlier step escapes it; the attribution paragraph is added after, built from text nodes.
 *
 * <p>Immutable and thread-safe: the parser, renderer and safelist are built once.
 */
public final class ContentCleaner {
    private static final Pattern STOCK_BLOCK = Pattern.compile(
            "<!--\\s*EM_StockImg_Start\\s*-->.*?<!--\\s*EM_StockImg_End\\s*-->", Pattern.DOTALL);
    private static final String ALWAYS_REMOVED =
            "script, style, iframe, frame, frameset, object, embed, applet, form, input, button, textarea,"
            + " select, meta, base, link, noscript, template, svg, math, head, title";
    private static final String BLOCKS = "p, div, li, span, h1, h2, h3, h4, h5, h6, blockquote, section";

    private final Parser markdown = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(false).sanitizeUrls(false).build();
    private final Safelist safelist;
    private final URI baseUrl;
    private final CleanRules rules;

    /**
     * @param baseUrl resolves relative links when an article has no original URL
     * @param rules   what to remove and recognise
     */
    public ContentCleaner(URI baseUrl, CleanRules rules) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.safelist = Safelist.relaxed()
                .addTags("figure", "figcaption", "hr", "s", "del", "ins", "mark", "abbr", "time")
                .removeProtocols("a", "href", "ftp")
                .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
                .preserveRelativeLinks(false);
    }

    /**
     * Cleans {@code body}.
     *
     * @param originalUrl the original article, or null
     * @param source      the attributed source, or null
     * @param summary     a front-matter summary that wins over the body text, or null
     */
    public CleanContent clean(String body, String originalUrl, String source, String summary, int summaryChars) {
        String base = originalUrl != null ? originalUrl : baseUrl.toString();
        String html = renderer.render(markdown.parse(STOCK_BLOCK.matcher(body).replaceAll("")));
        Document dirty = Jsoup.parseBodyFragment(html, base);
        removeJunk(dirty.body(), originalUrl);
        Document doc = new Cleaner(safelist).clean(dirty);
        doc.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8).escapeMode(Entities.EscapeMode.xhtml);
        removeEmpty(doc.body());

        String text = summaryText(doc.body());
        if (summary != null && !summary.isBlank()) {
            text = PlainText.of(summary);
        }
        text = Summaries.cut(text, summaryChars);
        if (source != null) {
            text = text.isEmpty() ? "文章来源：" + source : text + " 文章来源：" + source;
            Element p = doc.body().appendElement("p").addClass("source").appendText("文章来源：");
            if (originalUrl != null) {
                p.appendElement("a").attr("href", originalUrl).attr("rel", "nofollow noopener noreferrer")
                        .text(source);
            } else {
                p.appendText(source);
            }
        } else if (originalUrl != null) {
            Element p = doc.body().appendElement("p").addClass("source").appendText("原文：");
            p.appendElement("a").attr("href", originalUrl).attr("rel", "nofollow noopener noreferrer")
                    .text(originalUrl);
        }
        return new CleanContent(XmlText.legal(doc.body().html()), text);
    }

    private void removeJunk(Element body, String originalUrl) {
        NodeTraversor.filter(new CommentRemover(), body);
        body.select(ALWAYS_REMOVED).remove();
        for (String selector : rules.removeSelectors()) {
            body.select(selector).remove();
        }
        for (Element img : body.select("img")) {
            if (rules.dropsImage(img.attr("src"))) {
                Element parent = img.parent();
                img.remove();
                if (parent != null && parent.tagName().equals("a") && parent.text().isBlank()
                        && parent.select("img").isEmpty()) {
                    parent.remove();
                }
            }
        }
        for (Element a : body.select("a")) {
            String text = a.text().strip();
            if (rules.dropsLine(text) || (originalUrl != null && a.attr("href").equals(originalUrl)
                    && text.equals(originalUrl))) {
                a.remove();
            }
        }
        for (Element el : body.select("[href^=//], [src^=//]")) {
            for (String attr : new String[] {"href", "src"}) {
                if (el.attr(attr).startsWith("//")) {
                    el.attr(attr, "https:" + el.attr(attr));
                }
            }
        }
        for (Element block : body.select(BLOCKS)) {
            String text = PlainText.collapse(block.text());
            if (rules.dropsLine(text) || rules.attributionIn(text) != null) {
                block.remove();
            }
        }
    }

    /** Plain text of the cleaned body for the summary: without lines kept out of it (原标题：…). */
    private String summaryText(Element body) {
        Element copy = body.clone();
        for (Element block : copy.select(BLOCKS)) {
            if (rules.skipsInSummary(PlainText.collapse(block.text()))) {
                block.remove();
            }
        }
        return PlainText.collapse(XmlText.legal(copy.text()));
    }

    private static void removeEmpty(Element body) {
        // a <br> that ends a paragraph only adds a blank line in readers
        for (Element br : body.select("p > br")) {
            Node next = br.nextSibling();
            while (next instanceof org.jsoup.nodes.TextNode t && t.isBlank()) {
                next = next.nextSibling();
            }
            if (next == null) {
                br.remove();
            }
        }
        for (Element block : body.select("p, div, span, li, ul, ol, a")) {
            if (onlySeparators(block.text()) && block.select("img").isEmpty()) {
                block.remove();
            }
        }
        // stray separators and whitespace left between removed blocks
        body.textNodes().stream()
                .filter(t -> onlySeparators(t.text()))
                .forEach(Node::remove);
    }

    /** Whether {@code text} holds nothing but whitespace (any kind) and link separators. */
    private static boolean onlySeparators(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '｜' || c == '|' || c == '·')) {
                return false;
            }
        }
        return true;
    }

    private static final class CommentRemover implements org.jsoup.select.NodeFilter {
        @Override
        public FilterResult head(Node node, int depth) {
            return node instanceof Comment ? FilterResult.REMOVE : FilterResult.CONTINUE;
        }
    }
}
