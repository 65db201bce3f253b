package io.posthorn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.testing.TestSites;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @BeforeEach
    void folder() throws Exception {
        Files.createDirectories(dir.resolve("articles"));
    }

    @Test
    void readsEveryKeyAndResolvesPathsAgainstTheFile() throws Exception {
        Path file = TestSites.writeConfig(dir, "http://127.0.0.1:8080", "cache:\n  feed_mb: 8\n");
        Config c = ConfigLoader.load(file);
        assertEquals("财经新闻", c.site().title());
        assertEquals("finews.example.com", c.site().id());
        assertEquals(URI.create("http://127.0.0.1:8080/"), c.site().baseUrl(), "a trailing slash is added");
        assertEquals(ZoneId.of("Asia/Shanghai"), c.site().timezone());
        assertEquals(dir.resolve("articles").toAbsolutePath().normalize(), c.sources().get(0).path());
        assertEquals("articles", c.sources().get(0).name());
        assertEquals(50, c.feeds().entries());
        assertEquals(200, c.feeds().summaryChars());
        assertEquals(300, c.feeds().maxAgeSeconds());
        assertEquals(8L << 20, c.cache().feedBytes());
        assertEquals(Map.of("zhitongcaijingwang", "智通财经网", "zhengquanshibao", "证券时报", "cailianshe", "财联社"),
                c.attribution());
    }

    @Test
    void shippedConfigurationLoads() throws Exception {
        Config c = ConfigLoader.load(Path.of("feeds.yml"));
        assertEquals("finews.example.com", c.site().id());
        assertEquals(Path.of("articles").toAbsolutePath().normalize(), c.sources().get(0).path());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key   | colour: blue                  | feeds.yml:14: colour: unknown key (known: articles, attribution, cache, clean, feeds, fetch, http, site, sources, watch, websub)
            unknown nested key      | cache:\\n  size: 3             | feeds.yml:15: cache.size: unknown key (known: content_mb, feed_mb, index_file)
            not a number            | cache:\\n  feed_mb: lots       | feeds.yml:15: cache.feed_mb: must be a whole number, got 'lots'
            out of range            | cache:\\n  feed_mb: 0          | feeds.yml:15: cache.feed_mb: must be between 1 and 65536, got 0
            websub: a hub not http      | websub:\\n  hubs: [ftp://hub.example/] | feeds.yml:15: websub.hubs: must be an absolute http(s) URL, got 'ftp://hub.example/'
            websub: no hub at all       | websub:\\n  builtin: false    | feeds.yml:15: websub.builtin: false needs at least one external hub in websub.hubs
            websub: lease over 30 days  | websub:\\n  lease_days: 31    | feeds.yml:15: websub.lease_days: must be between 1 and 30, got 31
            YAML syntax error       | cache: [1, 2                  | feeds.yml:15: expected ',' or ']', but got <stream end>
            """)
    void badValuesNameFileLineAndKey(String name, String extra, String expected) {
        Path file = TestSites.writeConfig(dir, "http://127.0.0.1:8080/", extra.replace("\\n", "\n") + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        String message = e.getMessage().replace(file.toString(), "feeds.yml");
        assertTrue(message.startsWith(expected), message);
    }

    @Test
    void websubDefaultsAndKeys() throws Exception {
        Config plain = ConfigLoader.load(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", ""));
        assertTrue(plain.websub().builtin(), "the built-in hub runs when no other is named");
        assertEquals(java.util.List.of(), plain.websub().hubs());
        assertFalse(plain.websub().allowPrivateCallbacks());
        assertEquals(dir.resolve(".posthorn-websub.json").toAbsolutePath().normalize(), plain.websub().file());
        Config c = ConfigLoader.load(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", """
                cache:
                  index_file: state/index.bin
                websub:
                  hubs: [https://hub.example/]
                  max_per_topic: 5
                  lease_days: 2
                  deliver_timeout: 3s
                """));
        assertFalse(c.websub().builtin(), "an external hub instead, unless builtin: true");
        assertEquals(java.util.List.of(URI.create("https://hub.example/")), c.websub().hubs());
        assertEquals(5, c.websub().maxPerTopic());
        assertEquals(java.time.Duration.ofDays(2), c.websub().defaultLease());
        assertEquals(java.time.Duration.ofSeconds(3), c.websub().deliverTimeout());
        assertEquals(dir.resolve("state/.posthorn-websub.json").toAbsolutePath().normalize(), c.websub().file(),
                "beside the index store");
    }

    @Test
    void badSiteValuesAreReported() throws Exception {
        Path file = Files.writeString(dir.resolve("feeds.yml"), """
                site:
                  title: t
                  id: "not an id"
                  base_url: http://x/
                sources:
                  - path: articles
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(file + ":3: site.id: must be a domain name or e-mail address (the tag: URI authority), got 'not an id'",
                e.getMessage());
        Files.writeString(file, "site:\n  title: t\n  id: a.b\n  base_url: ftp://x/\nsources:\n  - path: articles\n");
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(file + ":4: site.base_url: must be an absolute http(s) URL, got 'ftp://x/'", e.getMessage());
        Files.writeString(file, "site:\n  title: t\n  id: a.b\n  base_url: http://x/\n");
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(file + ":1: sources: missing", e.getMessage());
    }

    @Test
    void missingFileIsReported() {
        Path file = dir.resolve("nope.yml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(file + ": file not found", e.getMessage());
    }
}
