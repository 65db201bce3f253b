package io.posthorn.config;

import io.posthorn.clean.CleanRules;
import io.posthorn.clean.HttpUrl;
import io.posthorn.config.YamlTree.MapValue;
import io.posthorn.config.YamlTree.Scalar;
import io.posthorn.config.YamlTree.Seq;
import io.posthorn.config.YamlTree.Value;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates {@code feeds.yml}. Every problem becomes a {@link ConfigException} whose
 * message is one line: {@code file:line: key: reason}. Unknown keys are errors, not ignored.
 * Thread-safe: stateless.
 */
public final class ConfigLoader {
    private static final int MAX_CONFIG_CHARS = 1 << 20;
    private static final Map<String, Set<String>> KNOWN = Map.ofEntries(
            Map.entry("", Set.of("site", "sources", "feeds", "attribution", "cache", "clean", "articles", "watch",
                    "http", "fetch", "websub")),
            Map.entry("websub", Set.of("hubs", "builtin", "allow_private_callbacks", "max_per_topic", "max_per_host",
                    "lease_days", "verify_timeout", "deliver_timeout", "file")),
            Map.entry("fetch", Set.of("connect_timeout", "timeout", "per_host", "max_mb")),
            Map.entry("http", Set.of("request_timeout_ms", "idle_timeout_ms", "max_connections", "max_header_kb")),
            Map.entry("articles", Set.of("max_kb", "max_tags", "max_tag_chars", "future")),
            Map.entry("watch", Set.of("enabled", "debounce_ms", "rescan_seconds")),
            Map.entry("clean", Set.of("defaults", "rule_sets", "remove", "image_hosts", "drop_lines",
                    "summary_skip_lines", "attribution_patterns")),
            Map.entry("site", Set.of("title", "id", "base_url", "timezone", "excerpt_separator", "url", "article_url")),
            Map.entry("sources[]", Set.of("path", "name", "encoding", "clean", "url", "category", "tags", "every",
                    "keep_days")),
            Map.entry("sources[].clean", Set.of("rule_sets", "remove", "image_hosts", "drop_lines",
                    "summary_skip_lines", "attribution_patterns")),
            Map.entry("feeds", Set.of("entries", "summary_chars", "max_limit", "max_age")),
            Map.entry("cache", Set.of("feed_mb", "content_mb", "index_file")));

    private final Path file;
    private final String label;

    private ConfigLoader(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.label = file.toString();
    }

    /** Loads the configuration at {@code file}; relative paths in it resolve against its folder. */
    public static Config load(Path file) throws ConfigException {
        return new ConfigLoader(file).read();
    }

    private Config read() throws ConfigException {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(label + ": file not found");
        } catch (CharacterCodingException e) {
            throw new ConfigException(label + ": not valid UTF-8");
        } catch (IOException e) {
            throw new ConfigException(label + ": cannot read: " + e.getMessage());
        }
        Value root;
        try {
            root = YamlTree.parse(text, MAX_CONFIG_CHARS, 0)
                    .orElseThrow(() -> new ConfigException(label + ":1: the file is empty"));
        } catch (YamlTree.YamlException e) {
            throw new ConfigException(label + ":" + e.line() + ": " + e.getMessage());
        }
        MapValue top = map(root, "(top level)");
        checkKeys(top, "", "");

        MapValue siteMap = map(required(top, "site", "site"), "site");
        checkKeys(siteMap, "site", "site.");
        SiteConfig site = site(siteMap);

        Value sourcesValue = required(top, "sources", "sources");
        if (!(sourcesValue instanceof Seq seq) || seq.items().isEmpty()) {
            throw error(sourcesValue.line(), "sources", "must be a non-empty list of {path, name}");
        }
        List<SourceConfig> sources = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            SourceConfig source = source(seq.items().get(i), "sources[" + i + "]");
            for (SourceConfig other : sources) {
                if (other.path().equals(source.path())) {
                    throw error(seq.items().get(i).line(), "sources[" + i + "].path", "the folder " + source.path()
                            + " is already another source's (two sources cannot share one folder)");
                }
            }
            sources.add(source);
        }

        CleanRules clean = clean(top.entries().get("clean"));
        List<SourceConfig> withRules = new ArrayList<>();
        for (SourceConfig s : sources) {
            withRules.add(new SourceConfig(s.path(), s.name(), s.encoding(), clean.plus(s.clean()), s.kind()));
        }
        sources = withRules;
        FeedsConfig feeds = feeds(top.entries().get("feeds"));
        CacheConfig cache = cache(top.entries().get("cache"));
        Map<String, String> attribution = attribution(top.entries().get("attribution"));
        return new Config(file, site, sources, feeds, attribution, cache, clean,
                articles(top.entries().get("articles")), watch(top.entries().get("watch")), http(top.entries().get("http")),
                fetch(top.entries().get("fetch")), websub(top.entries().get("websub"), cache));
    }

    private SiteConfig site(MapValue site) throws ConfigException {
        String title = text(required(site, "title", "site.title"), "site.title");
        String id = text(required(site, "id", "site.id"), "site.id");
        if (!id.matches("[A-Za-z0-9.-]+(@[A-Za-z0-9.-]+)?")) {
            throw error(site.entries().get("id").line(), "site.id",
                    "must be a domain name or e-mail address (the tag: URI authority), got '" + id + "'");
        }
        Value baseValue = required(site, "base_url", "site.base_url");
        String base = text(baseValue, "site.base_url");
        URI baseUrl;
        try {
            baseUrl = new URI(base.endsWith("/") ? base : base + "/");
        } catch (URISyntaxException e) {
            throw error(baseValue.line(), "site.base_url", "not a URL: " + e.getMessage());
        }
        if (!HttpUrl.isHttp(baseUrl)) {
            throw error(baseValue.line(), "site.base_url", "must be an absolute http(s) URL, got '" + base + "'");
        }
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        Value zoneValue = site.entries().get("timezone");
        if (zoneValue != null) {
            try {
                zone = ZoneId.of(text(zoneValue, "site.timezone"));
            } catch (DateTimeException e) {
                throw error(zoneValue.line(), "site.timezone", "unknown time zone: " + e.getMessage());
            }
        }
        Value separator = site.entries().get("excerpt_separator");
        String excerptSeparator = null;
        if (separator != null) {
            if (!(separator instanceof Scalar sc) || sc.text() == null || sc.text().isEmpty()) {
                throw error(separator.line(), "site.excerpt_separator", "must be a non-empty text value");
            }
            excerptSeparator = sc.text(); // not trimmed: Jekyll's default is "\n\n"
        }
        Value urlValue = site.entries().get("url");
        URI url = urlValue == null ? null : httpUrl(urlValue, "site.url");
        Value articleUrlValue = site.entries().get("article_url");
        String articleUrl = null;
        if (articleUrlValue != null) {
            articleUrl = text(articleUrlValue, "site.article_url");
            if (url == null) {
                throw error(articleUrlValue.line(), "site.article_url", "needs site.url (the site the pages are on)");
            }
            if (!PermalinkTemplate.STYLES.containsKey(articleUrl) && !articleUrl.startsWith("/")) {
                throw error(articleUrlValue.line(), "site.article_url", "must be one of "
                        + String.join(", ", new java.util.TreeSet<>(PermalinkTemplate.STYLES.keySet()))
                        + " or a template starting with '/', got '" + articleUrl + "'");
            }
            String unknown = PermalinkTemplate.unknownPlaceholder(articleUrl);
            if (unknown != null) {
                throw error(articleUrlValue.line(), "site.article_url", "unknown placeholder ':" + unknown + "' (known: :"
                        + String.join(", :", new java.util.TreeSet<>(PermalinkTemplate.PLACEHOLDERS)) + ")");
            }
        } else if (url != null) {
            articleUrl = "date"; // Jekyll's default permalink style
        }
        return new SiteConfig(title, id, baseUrl, zone, excerptSeparator, url, articleUrl);
    }

    private SourceConfig source(Value value, String key) throws ConfigException {
        MapValue map = map(value, key);
        checkKeys(map, "sources[]", key + ".");
        Value urlValue = map.entries().get("url");
        SourceKind kind = SourceKind.FOLDER;
        Value nameValue = map.entries().get("name");
        String configuredName = nameValue == null ? null : text(nameValue, key + ".name");
        Value pathValue = map.entries().get("path");
        Path dir;
        if (urlValue != null) {
            SourceKind.Upstream upstream = upstream(map, key, urlValue, configuredName);
            kind = upstream;
            // the default folder: the name, else the host and path, and a short hash of the URL, so
            // that two feeds of one site (?cat=1, ?cat=2) never share a folder
            String path = pathValue != null ? text(pathValue, key + ".path")
                    : "upstream/" + (configuredName != null ? Slugs.of(configuredName)
                            : Slugs.of(upstream.url().getHost() + upstream.url().getPath()) + "-"
                            + Integer.toHexString(upstream.url().toString().hashCode() & 0xFFFFFF));
            dir = file.getParent().resolve(path).normalize();
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw error(pathValue != null ? pathValue.line() : urlValue.line(), key + ".path",
                        "not a folder: " + dir);
            }
        } else {
            for (String upstreamOnly : List.of("category", "tags", "every", "keep_days")) {
                if (map.entries().containsKey(upstreamOnly)) {
                    throw error(map.entries().get(upstreamOnly).line(), key + "." + upstreamOnly,
                            "only an upstream source (one with url:) takes this key");
                }
            }
            pathValue = required(map, "path", key + ".path");
            dir = file.getParent().resolve(text(pathValue, key + ".path")).normalize();
            if (!Files.isDirectory(dir)) {
                throw error(pathValue.line(), key + ".path", "folder not found: " + dir);
            }
        }
        String name = configuredName == null ? dir.getFileName().toString() : configuredName;
        Value encodingValue = map.entries().get("encoding");
        Charset encoding = null;
        if (encodingValue != null) {
            String cs = text(encodingValue, key + ".encoding");
            try {
                encoding = Charset.forName(cs);
            } catch (IllegalArgumentException e) {
                throw error(encodingValue.line(), key + ".encoding", "unknown character set '" + cs + "'");
            }
        }
        Value cleanValue = map.entries().get("clean");
        CleanRules own = CleanRules.none();
        if (cleanValue != null) {
            MapValue cleanMap = map(cleanValue, key + ".clean");
            checkKeys(cleanMap, "sources[].clean", key + ".clean.");
            own = cleanRules(cleanMap, key + ".clean", List.of());
        }
        return new SourceConfig(dir, name, encoding, own, kind);
    }

    private SourceKind.Upstream upstream(MapValue map, String key, Value urlValue, String name)
            throws ConfigException {
        URI url = httpUrl(urlValue, key + ".url");
        Value categoryValue = map.entries().get("category");
        String category = categoryValue == null ? null : text(categoryValue, key + ".category");
        List<String> tags = new ArrayList<>();
        Value tagsValue = map.entries().get("tags");
        if (tagsValue instanceof Seq seq) {
            for (Value item : seq.items()) {
                tags.add(text(item, key + ".tags"));
            }
        } else if (tagsValue != null) {
            for (String t : text(tagsValue, key + ".tags").split("[\\s\u3000]+")) {
                tags.add(t);
            }
        }
        java.time.Duration every = duration(map, "every", key + ".every", java.time.Duration.ofMinutes(15));
        int keepDays = integer(map, "keep_days", key + ".keep_days", 0, 0, 36_500);
        return new SourceKind.Upstream(url, name, category, tags, every, keepDays);
    }

    /** An absolute http(s) URL ({@link HttpUrl}), or an error naming the key. */
    private URI httpUrl(Value value, String key) throws ConfigException {
        String text = text(value, key);
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw error(value.line(), key, "not a URL: " + e.getMessage());
        }
        if (!HttpUrl.isHttp(url)) {
            throw error(value.line(), key, "must be an absolute http(s) URL, got '" + text + "'");
        }
        return url;
    }

    /** The duration {@code name} of {@code map}, or {@code fallback} when it is absent. */
    private java.time.Duration duration(MapValue map, String name, String key, java.time.Duration fallback)
            throws ConfigException {
        Value value = map.entries().get(name);
        return value == null ? fallback : duration(value, key);
    }

    /** {@code 90s}, {@code 15m}, {@code 2h}: at least one second, at most a week. */
    private java.time.Duration duration(Value value, String key) throws ConfigException {
        String text = text(value, key);
        var m = java.util.regex.Pattern.compile("([0-9]{1,7})\\s*([smh])").matcher(text);
        if (!m.matches()) {
            throw error(value.line(), key, "must be a number with a unit s, m or h (e.g. 15m), got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        java.time.Duration d = switch (m.group(2)) {
            case "s" -> java.time.Duration.ofSeconds(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            default -> java.time.Duration.ofHours(n);
        };
        if (d.compareTo(java.time.Duration.ofSeconds(1)) < 0 || d.compareTo(java.time.Duration.ofDays(7)) > 0) {
            throw error(value.line(), key, "must be between 1s and 168h, got '" + text + "'");
        }
        return d;
    }

    private FeedsConfig feeds(Value value) throws ConfigException {
        if (value == null) {
            return FeedsConfig.DEFAULTS;
        }
        MapValue map = map(value, "feeds");
        checkKeys(map, "feeds", "feeds.");
        FeedsConfig d = FeedsConfig.DEFAULTS;
        int entries = integer(map, "entries", "feeds.entries", d.entries(), 1, 1000);
        int summary = integer(map, "summary_chars", "feeds.summary_chars", d.summaryChars(), 10, 5000);
        int maxLimit = integer(map, "max_limit", "feeds.max_limit", Math.max(d.maxLimit(), entries), entries, 10_000);
        int maxAge = integer(map, "max_age", "feeds.max_age", d.maxAgeSeconds(), 0, 31_536_000);
        return new FeedsConfig(entries, summary, maxLimit, maxAge);
    }

    private CacheConfig cache(Value value) throws ConfigException {
        if (value == null) {
            return CacheConfig.DEFAULTS;
        }
        MapValue map = map(value, "cache");
        checkKeys(map, "cache", "cache.");
        CacheConfig d = CacheConfig.DEFAULTS;
        long feed = integer(map, "feed_mb", "cache.feed_mb", (int) (d.feedBytes() >> 20), 1, 65_536);
        long content = integer(map, "content_mb", "cache.content_mb", (int) (d.contentBytes() >> 20), 1, 65_536);
        Value indexValue = map.entries().get("index_file");
        Path indexFile = null;
        if (indexValue != null) {
            String name = text(indexValue, "cache.index_file");
            indexFile = name.equals("off") ? null : file.getParent().resolve(name).normalize();
        }
        return new CacheConfig(feed << 20, content << 20, indexFile);
    }

    private ArticlesConfig articles(Value value) throws ConfigException {
        if (value == null) {
            return ArticlesConfig.DEFAULTS;
        }
        MapValue map = map(value, "articles");
        checkKeys(map, "articles", "articles.");
        ArticlesConfig d = ArticlesConfig.DEFAULTS;
        int maxKb = integer(map, "max_kb", "articles.max_kb", (int) (d.maxBytes() >> 10), 1, 1 << 20);
        return new ArticlesConfig((long) maxKb << 10,
                integer(map, "max_tags", "articles.max_tags", d.maxTags(), 1, 1000),
                integer(map, "max_tag_chars", "articles.max_tag_chars", d.maxNameChars(), 1, 1000),
                bool(map, "future", "articles.future", d.future()));
    }

    private HttpConfig http(Value value) throws ConfigException {
        if (value == null) {
            return HttpConfig.DEFAULTS;
        }
        MapValue map = map(value, "http");
        checkKeys(map, "http", "http.");
        HttpConfig d = HttpConfig.DEFAULTS;
        return new HttpConfig(
                integer(map, "request_timeout_ms", "http.request_timeout_ms", d.requestTimeoutMillis(), 100, 600_000),
                integer(map, "idle_timeout_ms", "http.idle_timeout_ms", d.idleTimeoutMillis(), 100, 3_600_000),
                integer(map, "max_connections", "http.max_connections", d.maxConnections(), 1, 1_000_000),
                integer(map, "max_header_kb", "http.max_header_kb", d.maxHeaderBytes() >> 10, 1, 1024) << 10);
    }

    private FetchConfig fetch(Value value) throws ConfigException {
        if (value == null) {
            return FetchConfig.DEFAULTS;
        }
        MapValue map = map(value, "fetch");
        checkKeys(map, "fetch", "fetch.");
        FetchConfig d = FetchConfig.DEFAULTS;
        java.time.Duration connect = duration(map, "connect_timeout", "fetch.connect_timeout", d.connectTimeout());
        java.time.Duration timeout = duration(map, "timeout", "fetch.timeout", d.timeout());
        return new FetchConfig(connect, timeout, integer(map, "per_host", "fetch.per_host", d.perHost(), 1, 64),
                integer(map, "max_mb", "fetch.max_mb", d.maxBytes() >> 20, 1, 1024) << 20);
    }

    /** Subscriptions are kept beside the index store when there is one, else beside feeds.yml. */
    private WebSubConfig websub(Value value, CacheConfig cache) throws ConfigException {
        Path folder = cache.indexFile() != null ? cache.indexFile().getParent() : file.getParent();
        WebSubConfig d = WebSubConfig.defaults(folder);
        if (value == null) {
            return d;
        }
        MapValue map = map(value, "websub");
        checkKeys(map, "websub", "websub.");
        List<URI> hubs = new ArrayList<>();
        Value hubsValue = map.entries().get("hubs");
        if (hubsValue != null) {
            if (!(hubsValue instanceof Seq seq)) {
                throw error(hubsValue.line(), "websub.hubs", "must be a list of http(s) URLs");
            }
            for (Value item : seq.items()) {
                hubs.add(httpUrl(item, "websub.hubs"));
            }
        }
        boolean builtin = bool(map, "builtin", "websub.builtin", hubs.isEmpty());
        if (!builtin && hubs.isEmpty()) {
            throw error(map.entries().get("builtin").line(), "websub.builtin",
                    "false needs at least one external hub in websub.hubs");
        }
        Value fileValue = map.entries().get("file");
        Path store = fileValue == null ? d.file() : file.getParent().resolve(text(fileValue, "websub.file")).normalize();
        return new WebSubConfig(hubs, builtin,
                bool(map, "allow_private_callbacks", "websub.allow_private_callbacks", d.allowPrivateCallbacks()),
                integer(map, "max_per_topic", "websub.max_per_topic", d.maxPerTopic(), 1, 1_000_000),
                integer(map, "max_per_host", "websub.max_per_host", d.maxPerHost(), 1, 1_000_000),
                java.time.Duration.ofDays(integer(map, "lease_days", "websub.lease_days", 10, 1, 30)),
                duration(map, "verify_timeout", "websub.verify_timeout", d.verifyTimeout()),
                duration(map, "deliver_timeout", "websub.deliver_timeout", d.deliverTimeout()),
                store);
    }

    private WatchConfig watch(Value value) throws ConfigException {
        if (value == null) {
            return WatchConfig.DEFAULTS;
        }
        MapValue map = map(value, "watch");
        checkKeys(map, "watch", "watch.");
        WatchConfig d = WatchConfig.DEFAULTS;
        return new WatchConfig(bool(map, "enabled", "watch.enabled", d.enabled()),
                integer(map, "debounce_ms", "watch.debounce_ms", d.debounceMillis(), 0, 60_000),
                integer(map, "rescan_seconds", "watch.rescan_seconds", d.rescanSeconds(), 0, 86_400));
    }

    private boolean bool(MapValue map, String name, String key, boolean fallback) throws ConfigException {
        Value value = map.entries().get(name);
        if (value == null) {
            return fallback;
        }
        String text = text(value, key);
        if (!text.equals("true") && !text.equals("false")) {
            throw error(value.line(), key, "must be true or false, got '" + text + "'");
        }
        return text.equals("true");
    }

    private CleanRules clean(Value value) throws ConfigException {
        if (value == null) {
            return CleanRules.defaults();
        }
        MapValue map = map(value, "clean");
        checkKeys(map, "clean", "clean.");
        return cleanRules(map, "clean", bool(map, "defaults", "clean.defaults", true) ? CleanRules.DEFAULT_SETS : List.of());
    }

    /**
     * The rules of a {@code clean:} section at {@code prefix}: its {@code rule_sets} (else
     * {@code sets}), then its own rules.
     */
    private CleanRules cleanRules(MapValue map, String prefix, List<String> sets) throws ConfigException {
        if (map.entries().containsKey("rule_sets")) {
            sets = strings(map, "rule_sets", prefix);
            for (String set : sets) {
                if (!io.posthorn.clean.RuleSets.known().contains(set)) {
                    throw error(map.entries().get("rule_sets").line(), prefix + ".rule_sets", "unknown rule set '" + set
                            + "' (known: " + String.join(", ", io.posthorn.clean.RuleSets.known()) + ")");
                }
            }
        }
        List<String> remove = strings(map, "remove", prefix);
        List<String> patterns = strings(map, "attribution_patterns", prefix);
        try {
            CleanRules.checkSelectors(remove);
        } catch (IllegalArgumentException e) {
            throw error(map.entries().get("remove").line(), prefix + ".remove", e.getMessage());
        }
        for (String key : List.of("drop_lines", "summary_skip_lines", "attribution_patterns")) {
            try {
                CleanRules.patterns(strings(map, key, prefix), key.equals("attribution_patterns"));
            } catch (IllegalArgumentException e) {
                throw error(map.entries().get(key).line(), prefix + "." + key, e.getMessage());
            }
        }
        return CleanRules.of(sets, remove, strings(map, "image_hosts", prefix), strings(map, "drop_lines", prefix),
                strings(map, "summary_skip_lines", prefix), patterns);
    }

    private List<String> strings(MapValue map, String name, String prefix) throws ConfigException {
        Value value = map.entries().get(name);
        if (value == null) {
            return List.of();
        }
        String key = prefix + "." + name;
        if (!(value instanceof Seq seq)) {
            throw error(value.line(), key, "must be a list of text values");
        }
        List<String> out = new ArrayList<>();
        for (Value item : seq.items()) {
            out.add(text(item, key));
        }
        return out;
    }

    private Map<String, String> attribution(Value value) throws ConfigException {
        if (value == null) {
            return Map.of();
        }
        MapValue map = map(value, "attribution");
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : map.entries().entrySet()) {
            result.put(e.getKey(), text(e.getValue(), "attribution." + e.getKey()));
        }
        return result;
    }

    private int integer(MapValue map, String name, String key, int fallback, int min, int max)
            throws ConfigException {
        Value value = map.entries().get(name);
        if (value == null) {
            return fallback;
        }
        String text = text(value, key);
        int n;
        try {
            n = Integer.parseInt(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw error(value.line(), key, "must be a whole number, got '" + text + "'");
        }
        if (n < min || n > max) {
            throw error(value.line(), key, "must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    private void checkKeys(MapValue map, String section, String prefix) throws ConfigException {
        Set<String> known = KNOWN.get(section);
        for (Map.Entry<String, Value> e : map.entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                throw error(e.getValue().line(), prefix + e.getKey(),
                        "unknown key (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private Value required(MapValue map, String name, String key) throws ConfigException {
        Value value = map.entries().get(name);
        if (value == null) {
            throw error(map.line(), key, "missing");
        }
        return value;
    }

    private MapValue map(Value value, String key) throws ConfigException {
        if (value instanceof MapValue m) {
            return m;
        }
        throw error(value.line(), key, "must be a mapping of keys to values");
    }

    private String text(Value value, String key) throws ConfigException {
        if (value instanceof Scalar s && s.text() != null && !s.text().isBlank()) {
            return s.text().trim();
        }
        throw error(value.line(), key, "must be a non-empty text value");
    }

    private ConfigException error(int line, String key, String reason) {
        return new ConfigException(label + ":" + line + ": " + key + ": " + reason);
    }
}
