package io.posthorn.config;

import java.net.URI;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The site every feed belongs to.
 *
 * @param title    human title; feed titles build on it
 * @param id       authority of the {@code tag:} URIs (a domain or e-mail); never derived from {@code baseUrl}
 * @param baseUrl  public URL links are built from, always ending in {@code /}
 * @param timezone zone of front-matter dates that carry no offset
 * @param excerptSeparator where a body's summary ends (Jekyll's {@code excerpt_separator}), or null
 * @param url        the real site's root (Jekyll's {@code url}, with its {@code baseurl}), or null
 *                   when entries link to Posthorn's own article pages
 * @param articleUrl the site's permalink style or template (Jekyll's {@code permalink}); with {@code url}
 */
public record SiteConfig(String title, String id, URI baseUrl, ZoneId timezone, String excerptSeparator,
                         URI url, String articleUrl) {
    public SiteConfig {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(timezone, "timezone");
        if (!baseUrl.toString().endsWith("/")) {
            throw new IllegalArgumentException("baseUrl must end with '/': " + baseUrl);
        }
    }

    public SiteConfig(String title, String id, URI baseUrl, ZoneId timezone) {
        this(title, id, baseUrl, timezone, null, null, null);
    }
}
