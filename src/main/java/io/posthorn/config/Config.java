package io.posthorn.config;

import io.posthorn.clean.CleanRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole, validated configuration. Immutable and thread-safe.
 *
 * @param file        the file it was read from (paths in it are relative to its folder)
 * @param attribution category slug to source name, used when a body names no source
 * @param clean       the cleaning rules (defaults plus or instead of the {@code clean:} section)
 */
public record Config(Path file, SiteConfig site, List<SourceConfig> sources, FeedsConfig feeds,
                     Map<String, String> attribution, CacheConfig cache, CleanRules clean,
                     ArticlesConfig articles, WatchConfig watch, HttpConfig http, FetchConfig fetch,
                     WebSubConfig websub) {
    public Config {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(site, "site");
        sources = List.copyOf(sources);
        if (sources.isEmpty()) throw new IllegalArgumentException("at least one source is required");
        Objects.requireNonNull(feeds, "feeds");
        attribution = Map.copyOf(attribution);
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(clean, "clean");
        Objects.requireNonNull(articles, "articles");
        Objects.requireNonNull(watch, "watch");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(fetch, "fetch");
        Objects.requireNonNull(websub, "websub");
    }

    /** A configuration with the default fetch and WebSub settings. */
    public Config(Path file, SiteConfig site, List<SourceConfig> sources, FeedsConfig feeds,
                  Map<String, String> attribution, CacheConfig cache, CleanRules clean,
                  ArticlesConfig articles, WatchConfig watch, HttpConfig http) {
        this(file, site, sources, feeds, attribution, cache, clean, articles, watch, http, FetchConfig.DEFAULTS,
                WebSubConfig.defaults(file.toAbsolutePath().getParent()));
    }
}
