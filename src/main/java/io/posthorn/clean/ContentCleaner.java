package io.posthorn.clean;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;

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
    private static final String ALWAYS_REMOVED =
            "script, style, iframe, frame, frameset, object, embed, applet, form, input, button, textarea,"
            + " select, meta, base, link, noscript, template, svg, math, head, title";
    private static final String BLOCKS = "p, div, li, span, h1, h2, h3, h4, h5, h6, blockquote, section";
    private static final Set<String> BLOCK_TAGS = Set.of(BLOCKS.split(", "));
    private static final Set<String> EMPTY_CANDIDATES = Set.of("p", "div", "span", "li", "ul", "ol", "a");

    private final Parser markdown = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(false).sanitizeUrls(false).build();
    private final Safelist safelist;
    private final URI baseUrl;
    private final CleanRules rules;
    /**
     * Every element removed outright, as queries applied in turn: the always-removed tags, then the
     * rules' selectors. When every selector looks only at the element itself (tag, class, id,
     * attributes), which is what the defaults do, the order cannot matter and all are one query.
     */
    private final List<Evaluator> junk;

    /**
     * @param baseUrl resolves relative links when an article has no original URL
     * @param rules   what to remove and recognise
     */
    public ContentCleaner(URI baseUrl, CleanRules rules) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.junk = rules.removeSelectors().stream().allMatch(ContentCleaner::onTheElementAlone)
                ? List.of(QueryParser.parse(String.join(", ", concat(ALWAYS_REMOVED, rules.removeSelectors()))))
                : concat(ALWAYS_REMOVED, rules.removeSelectors()).stream().map(QueryParser::parse).toList();
        this.safelist = Safelist.relaxed()
                .addTags("figure", "figcaption", "hr", "s", "del", "ins", "mark", "abbr", "time")
                .removeProtocols("a", "href", "ftp")
                .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
                .preserveRelativeLinks(false);
    }

    /**
     * Cleans {@code body}. The original article's link is found here, in the whole body, rather
     * than at indexing time: only entries that are shown need it, and they need the content anyway.
     *
     * @param source  the attributed source, or null
     * @param summary a front-matter summary that wins over the body text, or null
     */
    public CleanContent clean(String body, String source, String summary, int summaryChars) {
        return clean(body, source, summary, summaryChars, null, true, null);
    }

    /**
     * Cleans {@code body} of an article file.
     *
     * @param link             the front matter's original ({@code link}, an absolute http(s) URL), or
     *                         null to look for the body's autolink
     * @param markdownBody     whether the body is Markdown with HTML in it (a {@code .md} file), or
     *                         HTML only (an {@code .html} file, which Jekyll does not convert either)
     * @param excerptSeparator where the summary ends, as Jekyll's {@code excerpt_separator} ends
     *                         the excerpt (the text before it, still cut to {@code summaryChars}),
     *                         or null; a front-matter summary still wins
     */
    public CleanContent clean(String body, String source, String summary, int summaryChars, String link,
                              boolean markdownBody, String excerptSeparator) {
        if ((summary == null || summary.isBlank()) && excerptSeparator != null) {
            int cut = body.indexOf(excerptSeparator);
            if (cut >= 0) {
                // the excerpt cleaned as a body of its own: what a reader of the excerpt would see
                summary = clean(body.substring(0, cut), null, null, Integer.MAX_VALUE, link, markdownBody, null).summary();
            }
        }
        String found = link != null ? link : OriginalLink.find(body).orElse(null);
        String originalUrl = found == null ? null : HttpUrl.ascii(found);
        String base = found != null ? found : baseUrl.toString();
        String withoutCharts = rules.withoutBlocks(body);
        String html = markdownBody ? renderer.render(markdown.parse(withoutCharts)) : withoutCharts;
        Document dirty = Jsoup.parseBodyFragment(html, base);
        removeJunk(dirty.body(), found);
        Document doc = new Cleaner(safelist).clean(dirty);
        asciiUrls(doc.body());
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
        return new CleanContent(XmlText.legal(doc.body().html()), text, originalUrl);
    }

    /**
     * Removes junk in a few walks of the tree (it was one walk per rule): comments; the selectors
     * (all at once when they can be); then, children before parents, dropped images (and the link left empty around one),
     * dropped links and protocol-relative URLs; then, parents before children, blocks whose text
     * is a dropped line or an attribution (a parent is judged on its whole text, as a reader sees it).
     */
    private void removeJunk(Element body, String originalUrl) {
        NodeTraversor.filter(new CommentRemover(), body);
        for (Evaluator query : junk) {
            body.select(query).remove();
        }
        NodeTraversor.filter(new LinksAndImages(originalUrl), body);
        NodeTraversor.filter(new JunkBlocks(), body);
    }

    /** Plain text of the cleaned body for the summary: without lines kept out of it (原标题：…). */
    private String summaryText(Element body) {
        Element copy = null;
        for (Element block : body.select(BLOCKS)) {
            if (rules.skipsInSummary(PlainText.collapse(block.text()))) {
                copy = body.clone(); // rare: only then is a copy worth making
                break;
            }
        }
        if (copy != null) {
            for (Element block : copy.select(BLOCKS)) {
                if (rules.skipsInSummary(PlainText.collapse(block.text()))) {
                    block.remove();
                }
            }
        }
        return PlainText.collapse(XmlText.legal((copy != null ? copy : body).text()));
    }

    private static void removeEmpty(Element body) {
        NodeTraversor.filter(new EmptyBlocks(), body);
        // stray separators and whitespace left between removed blocks
        body.textNodes().stream()
                .filter(t -> onlySeparators(t.text()))
                .forEach(Node::remove);
    }

    /**
     * Whether any text under {@code el} is more than whitespace and link separators, as a reader
     * sees it ({@link Element#text()} drops zero-width spaces and soft hyphens too): it stops at
     * the first visible character (the first of nearly every paragraph) instead of building the
     * whole text.
     */
    private static boolean hasVisibleText(Element el) {
        for (Node n = el.firstChild(); n != null; ) {
            if (n instanceof TextNode t && visible(t.getWholeText())) {
                return true;
            }
            if (n.childNodeSize() > 0) {
                n = n.childNode(0);
                continue;
            }
            while (n != el && n.nextSibling() == null) {
                n = n.parent();
            }
            n = n == el ? null : n.nextSibling();
        }
        return false;
    }

    /** Whether {@code text} holds more than whitespace, controls, invisible characters and link separators. */
    private static boolean visible(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > ' ' && c != '\u200B' && c != '\u00AD' && !isSeparator(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text} holds nothing but whitespace (any kind) and link separators. */
    private static boolean onlySeparators(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isSeparator(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whitespace of any kind, or a separator between navigation links. */
    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '｜' || c == '|' || c == '·';
    }

    /** Children before parents: dropped images, dropped links, protocol-relative URLs. */
    private final class LinksAndImages implements NodeFilter {
        private final String originalUrl;
        /** Links that held a dropped image: removed too when nothing else is left in them. */
        private final Set<Element> emptied = Collections.newSetFromMap(new IdentityHashMap<>());

        LinksAndImages(String originalUrl) {
            this.originalUrl = originalUrl;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (!(node instanceof Element el) || depth == 0) {
                return FilterResult.CONTINUE;
            }
            String tag = el.normalName();
            if (tag.equals("img") && rules.dropsImage(el.attr("src"))) {
                if (el.parent() != null && el.parent().normalName().equals("a")) {
                    emptied.add(el.parent());
                }
                return FilterResult.REMOVE;
            }
            if (tag.equals("a")) {
                if (emptied.contains(el) && el.text().isBlank() && el.select("img").isEmpty()) {
                    return FilterResult.REMOVE;
                }
                String text = el.text().strip();
                if (rules.dropsLine(text) || (originalUrl != null && el.attr("href").equals(originalUrl)
                        && text.equals(originalUrl))) {
                    return FilterResult.REMOVE;
                }
            }
            httpsIfProtocolRelative(el, "href");
            httpsIfProtocolRelative(el, "src");
            return FilterResult.CONTINUE;
        }
    }

    /** Every link and image URL the safelist kept, in ASCII ({@link HttpUrl#ascii}). */
    private static void asciiUrls(Element body) {
        for (Element el : body.getAllElements()) {
            for (String attr : URL_ATTRIBUTES) {
                if (el.hasAttr(attr)) {
                    String value = el.attr(attr);
                    String ascii = HttpUrl.ascii(value);
                    if (!ascii.equals(value)) {
                        el.attr(attr, ascii);
                    }
                }
            }
        }
    }

    private static final String[] URL_ATTRIBUTES = {"href", "src", "cite"};

    private static void httpsIfProtocolRelative(Element el, String attr) {
        if (el.hasAttr(attr) && el.attr(attr).startsWith("//")) {
            el.attr(attr, "https:" + el.attr(attr));
        }
    }

    /** Parents before children: a block whose whole text is a dropped line or an attribution goes. */
    private final class JunkBlocks implements NodeFilter {
        @Override
        public FilterResult head(Node node, int depth) {
            if (depth > 0 && node instanceof Element el && BLOCK_TAGS.contains(el.normalName())) {
                String text = PlainText.collapse(el.text());
                if (rules.dropsLine(text) || rules.attributionIn(text) != null) {
                    return FilterResult.REMOVE;
                }
            }
            return FilterResult.CONTINUE;
        }
    }

    /** Parents before children: blocks left with separators only, and a {@code <br>} that ends a paragraph. */
    private static final class EmptyBlocks implements NodeFilter {
        @Override
        public FilterResult head(Node node, int depth) {
            if (depth == 0 || !(node instanceof Element el)) {
                return FilterResult.CONTINUE;
            }
            String tag = el.normalName();
            if (tag.equals("br")) {
                // a <br> that ends a paragraph only adds a blank line in readers
                return el.parent() != null && el.parent().normalName().equals("p") && lastButBlanks(el)
                        ? FilterResult.REMOVE : FilterResult.CONTINUE;
            }
            if (EMPTY_CANDIDATES.contains(tag) && !hasVisibleText(el) && el.select("img").isEmpty()) {
                return FilterResult.REMOVE;
            }
            return FilterResult.CONTINUE;
        }
    }

    private static final class CommentRemover implements NodeFilter {
        @Override
        public FilterResult head(Node node, int depth) {
            return node instanceof Comment ? FilterResult.REMOVE : FilterResult.CONTINUE;
        }
    }

    /**
     * Whether a selector matches on the element alone (tags, classes, ids, attributes; one group):
     * no combinator, no pseudo-class, nothing that depends on the rest of the tree. Bracketed
     * attribute tests, whose values may hold anything, are skipped over.
     */
    static boolean onTheElementAlone(String selector) {
        String outside = selector.strip().replaceAll("\\[[^\\]]*\\]", "[]");
        for (int i = 0; i < outside.length(); i++) {
            char c = outside.charAt(i);
            if (Character.isWhitespace(c) || c == '>' || c == '+' || c == '~' || c == ':' || c == ',' || c == '(') {
                return false;
            }
        }
        return true;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** Whether only blank text follows {@code node} among its siblings. */
    private static boolean lastButBlanks(Node node) {
        Node next = node.nextSibling();
        while (next instanceof TextNode t && t.isBlank()) {
            next = next.nextSibling();
        }
        return next == null;
    }
}
