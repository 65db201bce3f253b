package io.posthorn.feed;

import io.posthorn.clean.Variant;

/**
 * The small HTML pages (index, article, feed preview): escaping and the shared frame and style.
 * Thread-safe: stateless.
 */
public final class Html {
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;\
            max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.7;color:#1d1d1f;background:#fff}\
            a{color:#0b57d0}h1{font-size:1.6rem;line-height:1.35}h2{font-size:1.15rem;margin-top:2rem;\
            border-bottom:1px solid #e5e5e5}ul{padding-left:1.2rem}li{margin:.3rem 0}ul.compact li{margin:0}\
            .meta,.count{color:#666;font-size:.9rem}.formats a{margin-right:.6rem;font-size:.85rem}\
            .content img{max-width:100%;height:auto}.source{color:#444}\
            article.entry{border-bottom:1px solid #eee;padding:.5rem 0 1rem}article.entry h2{border:0;margin:.5rem 0 0}\
            nav.pages a{margin-right:1rem}\
            pre.snippet{background:#f5f5f5;padding:.4rem .6rem;overflow-x:auto;font-size:.8rem;white-space:pre-wrap;\
            margin:.2rem 0 .5rem}details.embed summary{cursor:pointer;color:#666;font-size:.85rem}\
            @media (prefers-color-scheme:dark){body{background:#15171a;color:#e6e6e6}a{color:#8ab4f8}\
            .meta,.count,.source{color:#aaa}h2{border-color:#333}pre.snippet{background:#23262b}}""";

    private Html() {
    }

    /** Escapes text for element content and quoted attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page in Simplified Chinese; {@code title} is plain text, {@code head} and {@code body} are trusted HTML. */
    public static String page(String title, String head, String body) {
        return page(Variant.SIMPLIFIED, title, head, body);
    }

    /** A whole page whose text is (or will be converted to) {@code variant}, which its {@code lang} says. */
    public static String page(Variant variant, String title, String head, String body) {
        return "<!DOCTYPE html>\n<html lang=\"" + variant.language() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + STYLE + "</style>" + head
                + "</head><body>" + body + "</body></html>\n";
    }

    /** The Atom, RSS and JSON links of a feed, for pages that list feeds. */
    public static String formatLinks(Links links, FeedRequest request) {
        StringBuilder out = new StringBuilder("<span class=\"formats\">");
        for (Format f : new Format[] {Format.ATOM, Format.RSS, Format.JSON, Format.HTML}) {
            out.append("<a href=\"").append(escape(links.feed(request.withFormat(f)))).append("\">")
                    .append(f == Format.HTML ? "预览 Preview" : f.label()).append("</a>");
        }
        return out.append("</span>").toString();
    }

    /** Autodiscovery links of a feed in each machine format. */
    public static String discovery(Links links, FeedRequest request, String title) {
        StringBuilder out = new StringBuilder();
        for (Format f : new Format[] {Format.ATOM, Format.RSS, Format.JSON}) {
            out.append("<link rel=\"alternate\" type=\"").append(f.mediaType()).append("\" title=\"")
                    .append(escape(title)).append("\" href=\"").append(escape(links.feed(request.withFormat(f))))
                    .append("\">");
        }
        return out.toString();
    }
}
