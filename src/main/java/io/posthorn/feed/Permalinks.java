package io.posthorn.feed;

import io.posthorn.article.Article;
import io.posthorn.config.PermalinkTemplate;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An article's URL on the Jekyll site it belongs to, computed as Jekyll 4 computes
 * {@code page.url}: the post's {@code permalink}, else the site's template (a style name or a
 * template of {@code :placeholders}); each placeholder's value escaped as a URL path, then
 * {@code ..} and {@code ./} removed and slashes squeezed. The rules follow Jekyll's
 * {@code URL}, {@code Drops::UrlDrop}, {@code Utils.slugify} and {@code Document#populate_title};
 * {@code PermalinksTest} checks them against URLs Jekyll 4.3 generated. Immutable and thread-safe.
 */
public final class Permalinks {
    private static final Pattern DATE_FILE = Pattern.compile("^(\\d{2,4}-\\d{1,2}-\\d{1,2})-([^/]*)(\\.[^.]+)$");
    private static final Pattern DATELESS_FILE = Pattern.compile("^(.*)(\\.[^.]+)$");
    private static final Pattern SLUG_DEFAULT = Pattern.compile("[^\\p{M}\\p{L}\\p{Nd}]+");
    private static final Pattern SLUG_PRETTY = Pattern.compile("[^\\p{M}\\p{L}\\p{Nd}._~!$&'()+,;=@]+");
    private static final Pattern SAFE_PATH = Pattern.compile("^[a-zA-Z0-9./-]+$");
    /** RFC 3986 path characters Addressable leaves as they are: unreserved, sub-delims, ':', '@', '/'. */
    private static final String PATH_CHARS = "-._~!$&'()*+,;=:@/";

    private final String siteUrl;
    private final String template;
    private final ZoneId zone;

    /**
     * @param siteUrl     the site's root, e.g. {@code https://finance.example.com} (a path is kept)
     * @param articleUrl  a style name or a template
     * @param zone        the site's time zone (Jekyll's {@code timezone})
     */
    public Permalinks(String siteUrl, String articleUrl, ZoneId zone) {
        this.siteUrl = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
        this.template = PermalinkTemplate.expand(articleUrl);
        this.zone = zone;
    }

    /** The absolute URL of {@code article}'s page, or null when its own permalink names an unknown placeholder. */
    public String url(Article article) {
        String path = path(article);
        return path == null ? null : siteUrl + asUri(path);
    }

    /** Jekyll's {@code page.url} of {@code article}, or null when its permalink names an unknown placeholder. */
    public String path(Article article) {
        String t = article.permalink() != null ? article.permalink() : template;
        Matcher m = PermalinkTemplate.PLACEHOLDER.matcher(t);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = value(article, name);
            String rest = "";
            if (value == null && name.endsWith("_")) { // ':month_:day' is ':month' then '_:day'
                rest = "_";
                value = value(article, name.substring(0, name.length() - 1));
            }
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(escapePath(value) + rest));
        }
        m.appendTail(out);
        String url = ("/" + out).replace("..", "/").replace("./", "");
        return url.replaceAll("/{2,}", "/");
    }

    private String value(Article a, String name) {
        ZonedDateTime d = date(a);
        String fileSlug = fileSlug(a.file().fileName());
        String slug = a.slug() != null ? a.slug() : fileSlug;
        return switch (name) {
            case "year" -> String.format("%04d", d.getYear());
            case "month" -> two(d.getMonthValue());
            case "day" -> two(d.getDayOfMonth());
            case "hour" -> two(d.getHour());
            case "minute" -> two(d.getMinute());
            case "second" -> two(d.getSecond());
            case "i_day" -> String.valueOf(d.getDayOfMonth());
            case "i_month" -> String.valueOf(d.getMonthValue());
            case "short_month" -> d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case "long_month" -> d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case "short_year" -> two(d.getYear() % 100);
            case "w_year" -> String.valueOf(d.get(IsoFields.WEEK_BASED_YEAR));
            case "week" -> two(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "w_day" -> String.valueOf(d.getDayOfWeek().getValue());
            case "short_day" -> d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case "long_day" -> d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case "y_day" -> String.format("%03d", d.getDayOfYear());
            case "title" -> slugify(slug, SLUG_PRETTY, true);
            case "slug" -> slugify(slug, SLUG_DEFAULT, false);
            case "name" -> slugify(baseName(a.file().fileName()), SLUG_DEFAULT, false);
            case "categories" -> String.join("/", categories(a.categories(), false));
            case "slugified_categories" -> String.join("/", categories(a.categories(), true));
            case "output_ext" -> ".html";
            case "collection" -> "posts";
            default -> null;
        };
    }

    /** The date as Jekyll's URL shows it: in the site's zone; a date written without offset is read as UTC. */
    private ZonedDateTime date(Article a) {
        OffsetDateTime published = a.published();
        if (a.floatingDate()) {
            return published.toLocalDateTime().atOffset(ZoneOffset.UTC).atZoneSameInstant(zone);
        }
        return published.atZoneSameInstant(zone);
    }

    private static List<String> categories(List<String> names, boolean slugified) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : names) {
            out.add(slugified ? slugify(c, SLUG_DEFAULT, false) : c.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    /** Jekyll's slug of a post file: what follows the date, without the extension and trailing dots. */
    static String fileSlug(String fileName) {
        Matcher m = DATE_FILE.matcher(fileName);
        String slug;
        if (m.matches()) {
            slug = m.group(2);
        } else {
            Matcher d = DATELESS_FILE.matcher(fileName);
            slug = d.matches() ? d.group(1) : fileName;
        }
        return slug.replaceAll("\\.+$", "");
    }

    private static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** {@code Utils.slugify} in the mode whose separators {@code pattern} matches. */
    static String slugify(String text, Pattern pattern, boolean cased) {
        String slug = pattern.matcher(text).replaceAll("-");
        slug = slug.replaceAll("^-|-$", "");
        return cased ? slug : slug.toLowerCase(Locale.ROOT);
    }

    /** {@code URL.escape_path}: what is not a path character, percent-encoded as UTF-8. */
    static String escapePath(String path) {
        if (path.isEmpty() || SAFE_PATH.matcher(path).matches()) {
            return path;
        }
        return percentEncode(path, PATH_CHARS);
    }

    /** The path as a URI: what Jekyll leaves unescaped (the literal parts of a template) encoded too. */
    static String asUri(String path) {
        return percentEncode(path, PATH_CHARS + "%?#");
    }

    private static String percentEncode(String text, String allowed) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || allowed.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

}
