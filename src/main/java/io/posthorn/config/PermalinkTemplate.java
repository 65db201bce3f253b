package io.posthorn.config;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jekyll's permalink templates as {@code site.article_url} takes them: its style names and the
 * placeholders a template may use (those of Jekyll 4's {@code Drops::UrlDrop}). Stateless.
 */
public final class PermalinkTemplate {
    /** Jekyll's permalink styles and the templates they stand for. */
    public static final Map<String, String> STYLES = Map.of(
            "date", "/:categories/:year/:month/:day/:title:output_ext",
            "pretty", "/:categories/:year/:month/:day/:title/",
            "ordinal", "/:categories/:year/:y_day/:title:output_ext",
            "weekdate", "/:categories/:year/W:week/:short_day/:title:output_ext",
            "none", "/:categories/:title:output_ext");
    /** Every placeholder a template may use. */
    public static final Set<String> PLACEHOLDERS = Set.of("year", "month", "day", "hour", "minute", "second",
            "i_day", "i_month", "short_month", "long_month", "short_year", "w_year", "week", "w_day", "short_day",
            "long_day", "y_day", "title", "slug", "name", "categories", "slugified_categories", "output_ext",
            "collection");
    /** A placeholder in a template; Jekyll's own pattern. */
    public static final Pattern PLACEHOLDER = Pattern.compile(":([a-z_]+)");

    private PermalinkTemplate() {
    }

    /** The template a style name stands for, or {@code template} itself. */
    public static String expand(String template) {
        return STYLES.getOrDefault(template, template);
    }

    /** The placeholder in {@code template} that Jekyll would not know, or null when there is none. */
    public static String unknownPlaceholder(String template) {
        Matcher m = PLACEHOLDER.matcher(expand(template));
        while (m.find()) {
            String name = m.group(1);
            boolean known = PLACEHOLDERS.contains(name)
                    || name.endsWith("_") && PLACEHOLDERS.contains(name.substring(0, name.length() - 1));
            if (!known) {
                return name;
            }
        }
        return null;
    }
}
