package io.posthorn.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.posthorn.config.ConfigException;
import io.posthorn.config.ConfigLoader;
import io.posthorn.testing.TestSites;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cleaning rules as data: defaults, additions and replacements from feeds.yml, and bad values. */
class CleanRulesTest {
    @TempDir
    Path dir;

    private CleanRules load(String cleanYaml) throws ConfigException {
        try {
            Files.createDirectories(dir.resolve("articles"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return ConfigLoader.load(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", cleanYaml)).clean();
    }

    private static String clean(CleanRules rules, String body) {
        return new ContentCleaner(URI.create("http://127.0.0.1:8080/"), rules).clean(body, "源", null, 200).html();
    }

    @Test
    void configuredRulesAddToTheDefaults() throws Exception {
        CleanRules rules = load("""
                clean:
                  remove: [div.ad, "p.promo"]
                  drop_lines: ["^本文仅供参考.*$"]
                  image_hosts: [tracker.example.com]
                  attribution_patterns: ["^稿件来源[：:](.+)$"]
                """);
        String body = "<div class=\"ad\">广告</div><p class=\"promo\">推广</p><p style=\"display:none\">隐</p><p>正文。</p>"
                + "<p><img src=\"https://img.tracker.example.com/p.gif\">图</p><p>本文仅供参考，不构成投资建议。</p>";
        assertEquals("<p>正文。</p><p>图</p><p class=\"source\">文章来源：源</p>", clean(rules, body));
        assertEquals(new Attribution(rules).find("<p>正文。</p><p>稿件来源：新华社</p>").orElseThrow(), "新华社");
        assertEquals(new Attribution(rules).find("<p>正文。</p><p>（文章来源：财联社）</p>").orElseThrow(), "财联社");
    }

    @Test
    void defaultsFalseReplacesThem() throws Exception {
        CleanRules rules = load("clean:\n  defaults: false\n  remove: [div.ad]\n");
        assertEquals(List.of("div.ad"), rules.removeSelectors());
        assertEquals("<p>隐</p><p>正文。</p><p class=\"source\">文章来源：源</p>",
                clean(rules, "<p style=\"display:none\">隐</p><div class=\"ad\">广告</div><p>正文。</p>"));
    }

    @Test
    void ruleSetsAreChosenByName() throws Exception {
        String body = "<!-- EM_StockImg_Start --><p>图表</p><!-- EM_StockImg_End --><p style=\"display:none\">隐</p>"
                + "<p>正文。</p><p class=\"em_media\">（文章来源：智通财经网）</p>";
        assertEquals("<p>正文。</p><p class=\"source\">文章来源：源</p>", clean(load(""), body), "both sets by default");
        assertEquals("<p>图表</p><p>正文。</p><p class=\"source\">文章来源：源</p>",
                clean(load("clean:\n  rule_sets: [generic]\n"), body), "generic only: the chart block stays");
        assertEquals("<p>图表</p><p>隐</p><p>正文。</p><p>（文章来源：智通财经网）</p>"
                + "<p class=\"source\">文章来源：源</p>", clean(load("clean:\n  rule_sets: []\n"), body), "no sets");
        ConfigException e = assertThrows(ConfigException.class, () -> load("clean:\n  rule_sets: [generic, sina]\n"));
        assertEquals(true, e.getMessage().endsWith("clean.rule_sets: unknown rule set 'sina' (known: generic, eastmoney)"),
                e.getMessage());
    }

    @Test
    void defaultLineRulesDropEditorsAndKeepOriginalTitleOutOfTheSummary() {
        CleanContent c = new ContentCleaner(URI.create("http://127.0.0.1:8080/"), CleanRules.defaults())
                .clean("<p>原标题：旧的标题</p><p>正文第一句。</p><p>责任编辑：王五</p>", "源", null, 200);
        assertEquals("<p>原标题：旧的标题</p><p>正文第一句。</p><p class=\"source\">文章来源：源</p>", c.html());
        assertEquals("正文第一句。 文章来源：源", c.summary());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            bad selector          | clean:\\n  remove: ["div[", "p"]            | feeds.yml:15: clean.remove: not a CSS selector: 'div['
            bad regular expression| clean:\\n  drop_lines: ["(unclosed"]       | feeds.yml:15: clean.drop_lines: not a regular expression: '(unclosed'
            pattern without group | clean:\\n  attribution_patterns: ["^来源"] | feeds.yml:15: clean.attribution_patterns: '^来源' needs a group (…) that captures the source name
            not a list            | clean:\\n  remove: div.ad                 | feeds.yml:15: clean.remove: must be a list of text values
            unknown key           | clean:\\n  strip: [p]                     | feeds.yml:15: clean.strip: unknown key
            bad defaults          | clean:\\n  defaults: maybe                | feeds.yml:15: clean.defaults: must be true or false, got 'maybe'
            """)
    void badRulesAreStartUpErrorsNamingTheKey(String name, String yaml, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml.replace("\\n", "\n") + "\n"));
        String message = e.getMessage().replace(dir.resolve("feeds.yml").toString(), "feeds.yml");
        assertEquals(true, message.startsWith(expected), message);
    }
}
