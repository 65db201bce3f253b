package io.posthorn.http;

/** The shared frame and style of the small HTML pages. Thread-safe: stateless. */
final class Pages {
    static final String STYLE = """
            body{font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;\
            max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.7;color:#1d1d1f;background:#fff}\
            a{color:#0b57d0}h1{font-size:1.6rem;line-height:1.35}h2{font-size:1.15rem;margin-top:2rem;\
            border-bottom:1px solid #e5e5e5}ul{padding-left:1.2rem}li{margin:.3rem 0}\
            .meta,.count{color:#666;font-size:.9rem}.formats a{margin-right:.5rem;font-size:.85rem}\
            .content img{max-width:100%;height:auto}.source{color:#444}\
            @media (prefers-color-scheme:dark){body{background:#15171a;color:#e6e6e6}a{color:#8ab4f8}\
            .meta,.count{color:#aaa}h2{border-color:#333}}""";

    private Pages() {
    }

    /** A whole page; {@code title} is plain text, {@code head} and {@code body} are trusted HTML. */
    static String page(String lang, String title, String head, String body) {
        return "<!DOCTYPE html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>" + Html.escape(title) + "</title><style>" + STYLE + "</style>" + head
                + "</head><body>" + body + "</body></html>\n";
    }
}
