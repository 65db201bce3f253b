package io.posthorn.embed;

import io.posthorn.article.Article;
import io.posthorn.feed.Html;
import io.posthorn.feed.Links;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Writes an {@link EmbedDocument} as the small page shown in an {@code <iframe>} on other
 * sites: a list of linked headlines with date and source, opening in a new tab. No script (but
 * the live page's one inline script), no external resource; the inline style (and script) are
 * allowed by their hashes in {@link #CONTENT_SECURITY_POLICY} ({@link #LIVE_CONTENT_SECURITY_POLICY}),
 * which the server sends with the page. Every text is escaped with {@link Html#escape}.
 * Immutable and thread-safe.
 */
public final class HeadlinesPageWriter {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String STYLE = """
            body{margin:0;padding:.5rem .75rem;font:14px/1.5 system-ui,-apple-system,"PingFang SC",\
            "Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1d1d1f;background:#fff}\
            body.dark{color-scheme:dark;color:#e6e6e6;background:#15171a}\
            a{color:#0b57d0;text-decoration:none}a:hover,a:focus{text-decoration:underline}.dark a{color:#8ab4f8}\
            .posthorn-headlines{list-style:none;margin:0;padding:0}.posthorn-headline{margin:0 0 .55rem}\
            .posthorn-headline>a{font-weight:600}\
            .posthorn-meta{display:block;font-size:.8rem;color:#666}.dark .posthorn-meta{color:#aaa}\
            .posthorn-more{margin:.4rem 0 0;font-size:.8rem}""";

    /**
     * The page's whole policy: nothing may load or run, the inline style is allowed by its hash,
     * links may open new tabs (sandboxed popups escape the sandbox so the article page works), and
     * any site may frame it ({@code frame-ancestors *}, and no {@code X-Frame-Options}).
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
            + "'; base-uri 'none'; form-action 'none'; sandbox allow-popups allow-popups-to-escape-sandbox; "
            + "frame-ancestors *";

    /**
     * The live page's script ({@code ?live=1}): it opens the feed's event stream (the page's own
     * path ending {@code .events}, same query) and puts each new headline on top, or in place of
     * its older version, as text only, keeping the page's number of headlines.
     */
    private static final String LIVE_SCRIPT = """
            (function(){"use strict";var list=document.querySelector("ul.posthorn-headlines");            if(!list||typeof EventSource!=="function"){return;}            var limit=parseInt(list.getAttribute("data-limit"),10)||10;            var D=/^(\\d{4}-\\d{2}-\\d{2})T(\\d{2}:\\d{2})/;            function s(v){return typeof v==="string"?v:"";}            function el(t,c,x){var n=document.createElement(t);if(c){n.className=c;}if(x){n.appendChild(document.createTextNode(x));}return n;}            function item(h){var li=el("li","posthorn-headline");li.setAttribute("data-id",s(h.id));var a=el("a","",s(h.title));            try{var u=new URL(s(h.url));if(u.protocol==="http:"||u.protocol==="https:"){a.href=u.href;}}catch(e){}            a.target="_blank";a.rel="noopener";li.appendChild(a);var m=el("span","posthorn-meta");var d=D.exec(s(h.published));            if(d){var t=el("time","posthorn-date",d[1]+" "+d[2]);t.setAttribute("datetime",s(h.published));m.appendChild(t);            m.appendChild(document.createTextNode(" · "));}m.appendChild(el("span","posthorn-source",s(h.source)));li.appendChild(m);return li;}            function update(e){var h;try{h=JSON.parse(e.data);}catch(x){return;}if(!h||typeof h!=="object"){return;}            var li=item(h);for(var n=list.firstElementChild;n;n=n.nextElementSibling){            if(n.getAttribute("data-id")===s(h.id)){list.replaceChild(li,n);return;}}            list.insertBefore(li,list.firstElementChild);while(list.children.length>limit){list.removeChild(list.lastElementChild);}}            function listen(){var src=new EventSource(location.pathname.replace(/\\.html$/,".events")+location.search);            src.onmessage=update;src.onerror=function(){if(src.readyState===2){setTimeout(listen,30000);}};}            listen();})();""";

    /**
     * The live page's policy: as {@link #CONTENT_SECURITY_POLICY}, plus its one inline script by
     * hash, scripts allowed in the sandbox, and connections to this server only (its event stream).
     */
    public static final String LIVE_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
            + "'; script-src '" + sha256(LIVE_SCRIPT) + "'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            + "sandbox allow-popups allow-popups-to-escape-sandbox allow-scripts; frame-ancestors *";

    private final Links links;

    HeadlinesPageWriter(Links links) {
        this.links = links;
    }

    byte[] write(EmbedDocument doc) {
        StringBuilder out = new StringBuilder(1024 + doc.headlines().size() * 256);
        out.append("<!DOCTYPE html>\n<html lang=\"").append(doc.request().variant().language())
                .append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>")
                .append(Html.escape(doc.title())).append("</title><style>").append(STYLE).append("</style></head>")
                .append("<body class=\"").append(doc.request().theme().value()).append("\">")
                .append("<ul class=\"posthorn-headlines\" data-limit=\"").append(doc.limit()).append("\">");
        for (Headline h : doc.headlines()) {
            Article a = h.article();
            out.append("<li class=\"posthorn-headline\">");
            link(out, links.alternate(a), a.title());
            out.append("<span class=\"posthorn-meta\"><time class=\"posthorn-date\" datetime=\"")
                    .append(a.published().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\">")
                    .append(a.published().format(DATE)).append("</time> · <span class=\"posthorn-source\">")
                    .append(Html.escape(a.sourceName().orElse(links.siteTitle()))).append("</span></span></li>");
        }
        out.append("</ul><p class=\"posthorn-more\">");
        link(out, doc.pageUrl(), "更多 More ›");
        out.append("</p>");
        if (doc.request().live()) {
            out.append("<script>").append(LIVE_SCRIPT).append("</script>");
        }
        out.append("</body></html>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A link that opens in a new tab without giving the new page a handle on this one. */
    private static void link(StringBuilder out, String href, String text) {
        out.append("<a href=\"").append(Html.escape(href)).append("\" target=\"_blank\" rel=\"noopener\">")
                .append(Html.escape(text)).append("</a>");
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
