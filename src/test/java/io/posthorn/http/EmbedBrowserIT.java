package io.posthorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.posthorn.article.Article;
import io.posthorn.index.FeedKey;
import io.posthorn.index.FeedKind;
import io.posthorn.testing.Browser;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.StaticSite;
import io.posthorn.testing.TestSites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The three ways to embed, in a real browser (headless Chromium): a partner page served from
 * another origin pastes the index page's snippets (the script twice, once into a target, and the
 * iframe once), and the rendered headlines are checked: texts, links, order, limits, styling,
 * no globals, and the XSS probe shown as literal text without running.
 */
class EmbedBrowserIT {
    /** Links in the output come from base_url; the browser never follows them. */
    private static final String BASE = "http://news.example.org/";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static RunningServer server;
    static StaticSite partner;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        assumeTrue(Browser.installed(), "needs " + Browser.CHROMIUM + " and " + Browser.CHROMEDRIVER);
        TestSites.copySamples(dir);
        TestSites.addHostileArticle(dir);
        server = RunningServer.start(TestSites.writeConfig(dir, BASE, ""));
        partner = StaticSite.start();
        browser = Browser.start(dir.resolve("chromium-profile"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (partner != null) {
            partner.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The index page's snippets of one feed, unescaped as a person copies them, pointed at the test server. */
    static List<String> snippets(String embedPath) {
        String index = Feeds.text(server.get("/"));
        Matcher m = Pattern.compile("<pre class=\"snippet\">([^<]*" + Pattern.quote(embedPath) + "[^<]*)</pre>")
                .matcher(index);
        String origin = server.uri("/").toString();
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&#39;", "'").replace("&amp;", "&").replace(BASE, origin));
        }
        assertEquals(3, found.size(), "script, iframe and JSON snippets of " + embedPath);
        return found;
    }

    static List<Article> articles(FeedKey key) {
        return server.posthorn().snapshot().entries(key).orElseThrow();
    }

    @Test
    void scriptTwiceAndIframeOnceOnAPageOfAnotherOrigin() throws IOException {
        List<String> category = snippets("embed/categories/zhitongcaijingwang.");
        String allScript = "<script async src=\"" + server.uri("/embed/all.js")
                + "\" data-limit=\"3\" data-summary=\"1\" data-target=\"all-headlines\"></script>";
        partner.put("/", "text/html; charset=utf-8", """
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="utf-8"><title>Partner portal</title>
                <script>window.__keysBefore = Object.getOwnPropertyNames(window);</script>
                <style>
                  body{font-family:sans-serif;margin:1.5rem;display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
                  h1{grid-column:1/3;margin:0}h2{font-size:1rem;border-bottom:2px solid #c00}
                  .posthorn-source{color:rgb(200, 0, 0)}
                </style></head>
                <body><h1>合作伙伴 Partner portal</h1>
                <section id="category"><h2>智通财经网 (script)</h2>
                %s
                </section>
                <section><h2>全部 All (script into a target, with summaries)</h2><div id="all-headlines"></div></section>
                <section id="frame"><h2>iframe</h2>
                %s
                </section>
                <footer id="footer">%s</footer>
                </body></html>
                """.formatted(category.get(0), category.get(1), allScript));
        browser.get(partner.uri("/").toString());
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        // once both lists are filled, the scripts have left no global name behind. Checked before
        // any element query (Selenium's atoms add se_* names to window), and leaving out ret_nodes,
        // which chromedriver's own executeScript wrapper leaks; numeric names are the page's frames.
        wait.until(d -> Long.valueOf(8).equals(js("return document.querySelectorAll('li.posthorn-headline').length")));
        assertEquals(List.of(), js("return Object.getOwnPropertyNames(window).filter(k => !window.__keysBefore.includes(k)"
                + " && !['__keysBefore', 'ret_nodes'].includes(k) && !/^\\d+$/.test(k))"), "new globals");

        // the script renders where it stands: 5 headlines as the snippet asks, newest first
        List<Article> expected = articles(new FeedKey(FeedKind.CATEGORY, "zhitongcaijingwang"));
        List<WebElement> items = wait.until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#category ul.posthorn-headlines > li.posthorn-headline"), 5));
        assertHeadlines(expected.subList(0, 5), items);
        assertEquals(TestSites.HOSTILE_TITLE, items.get(0).findElement(By.className("posthorn-title")).getText());
        assertEquals("2022-07-27 09:30 · 智通财经网", items.get(0).findElement(By.className("posthorn-meta")).getText());
        assertEquals("2022-07-27T09:30:00+08:00",
                items.get(0).findElement(By.className("posthorn-date")).getAttribute("datetime"));
        assertEquals("posthorn-headlines",
                js("return document.querySelector('#category script').nextElementSibling.className"));

        // the second script renders into its target, with summaries, and not where it stands
        List<WebElement> all = wait.until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#all-headlines ul.posthorn-headlines > li.posthorn-headline"), 3));
        assertHeadlines(articles(FeedKey.ALL).subList(0, 3), all);
        for (WebElement item : all) {
            assertTrue(item.findElement(By.className("posthorn-summary")).getText().endsWith("文章来源："
                    + item.findElement(By.className("posthorn-source")).getText()), item.getText());
        }
        assertEquals(0L, js("return document.querySelectorAll('#footer ul').length"));
        assertEquals(0L, js("return document.querySelectorAll('#category .posthorn-summary').length"));

        // one default style for both, overridable by the host page
        assertEquals(1L, js("return document.querySelectorAll('style#posthorn-headlines-style').length"));
        assertEquals("none", browser.findElement(By.cssSelector("#category ul.posthorn-headlines"))
                .getCssValue("list-style-type"));
        assertEquals("rgba(200, 0, 0, 1)", items.get(1).findElement(By.className("posthorn-source")).getCssValue("color"));

        // the probe stayed text
        assertEquals("undefined", js("return typeof window.__pwned"));
        assertEquals(0L, js("return document.querySelectorAll('.posthorn-headlines img').length"));

        screenshot("embed-host.png");

        // the iframe: its own page, limit 5 from the snippet, links opening in a new tab
        WebElement frame = browser.findElement(By.cssSelector("#frame iframe"));
        assertEquals("allow-popups allow-popups-to-escape-sandbox", frame.getAttribute("sandbox"));
        browser.switchTo().frame(frame);
        try {
            List<WebElement> framed = wait.until(ExpectedConditions.numberOfElementsToBe(
                    By.cssSelector("ul.posthorn-headlines > li.posthorn-headline"), 5));
            assertHeadlines(expected.subList(0, 5), framed);
            assertEquals(TestSites.HOSTILE_TITLE, framed.get(0).findElement(By.tagName("a")).getText());
            for (WebElement a : browser.findElements(By.tagName("a"))) {
                assertEquals("_blank", a.getAttribute("target"));
                assertEquals("noopener", a.getAttribute("rel"));
            }
            assertEquals(0, browser.findElements(By.tagName("img")).size());
            assertEquals(0, browser.findElements(By.tagName("script")).size());
            assertEquals("none", browser.findElement(By.cssSelector("ul.posthorn-headlines"))
                    .getCssValue("list-style-type"), "the inline style is allowed by its hash");
        } finally {
            browser.switchTo().defaultContent();
        }
        assertEquals("undefined", js("return typeof window.__pwned"));
    }

    @Test
    void scriptInsertsHostileDataOnlyAsTextAndOnlyHttpLinks() {
        byte[] script = server.get("/embed/all.js").body();
        partner.put("/hostile/feed.js", "application/javascript; charset=utf-8", script)
                .put("/hostile/feed.json", "application/json; charset=utf-8", """
                        {"headlines": [
                          {"title": "<img src=x onerror=\\"window.__pwned=2\\">", "url": "javascript:window.__pwned=3",
                           "published": "2022-07-27T09:30:00+08:00", "source": "<b onmouseover=\\"window.__pwned=4\\">来源</b>",
                           "summary": "<script>window.__pwned=5</script>"},
                          {"title": "data link", "url": "data:text/html,<script>parent.__pwned=6</script>",
                           "published": "\\"><img src=x onerror=window.__pwned=7>", "source": ""},
                          {"title": "fine", "url": "https://example.org/a?b=1&c=<2>", "published": "2022-07-26T19:05:31Z",
                           "source": "ok"},
                          "not an object", null, 42,
                          {"title": 42, "url": {"href": "https://example.org/"}}
                        ]}
                        """)
                .put("/hostile.html", "text/html; charset=utf-8", """
                        <!DOCTYPE html><html><head><meta charset="utf-8"><title>Hostile data</title></head>
                        <body><div id="box"><script src="/hostile/feed.js" data-summary="1"></script></div></body></html>
                        """);
        browser.get(partner.uri("/hostile.html").toString());
        List<WebElement> items = new WebDriverWait(browser, WAIT).until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#box li.posthorn-headline"), 4));

        WebElement first = items.get(0).findElement(By.className("posthorn-title"));
        assertEquals("span", first.getTagName(), "a javascript: URL is no link");
        assertEquals("<img src=x onerror=\"window.__pwned=2\">", first.getText());
        assertEquals("<b onmouseover=\"window.__pwned=4\">来源</b>",
                items.get(0).findElement(By.className("posthorn-source")).getText());
        assertEquals("<script>window.__pwned=5</script>",
                items.get(0).findElement(By.className("posthorn-summary")).getText());

        assertEquals("span", items.get(1).findElement(By.className("posthorn-title")).getTagName(), "nor a data: URL");
        assertEquals(0, items.get(1).findElements(By.tagName("time")).size(), "an invalid date is left out");

        WebElement link = items.get(2).findElement(By.className("posthorn-title"));
        assertEquals("a", link.getTagName());
        assertEquals("https://example.org/a?b=1&c=%3C2%3E", link.getAttribute("href"));
        assertEquals("2022-07-26 19:05", items.get(2).findElement(By.tagName("time")).getText());

        assertEquals("", items.get(3).getText().strip(), "wrong types render as nothing");
        assertEquals(0L, js("return document.querySelectorAll('#box img, #box b, #box script:not([src])').length"));
        assertEquals("undefined", js("return typeof window.__pwned"));
    }

    /** Titles, article links and order of rendered headlines, newest first. */
    private static void assertHeadlines(List<Article> expected, List<WebElement> items) {
        assertEquals(expected.size(), items.size());
        for (int i = 0; i < expected.size(); i++) {
            WebElement title = items.get(i).findElement(By.cssSelector("a"));
            assertEquals(expected.get(i).title(), title.getText(), "headline " + i);
            assertEquals(BASE + "articles/" + expected.get(i).key(), title.getAttribute("href"), "link " + i);
        }
        List<String> dates = items.stream()
                .map(item -> item.findElement(By.className("posthorn-date")).getAttribute("datetime")).toList();
        for (int i = 1; i < dates.size(); i++) {
            assertTrue(java.time.OffsetDateTime.parse(dates.get(i - 1))
                    .isAfter(java.time.OffsetDateTime.parse(dates.get(i))), "newest first: " + dates);
        }
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** A picture of the partner page, kept under target/ to look at (not a test result). */
    private static void screenshot(String name) throws IOException {
        Path out = Path.of("target", name);
        Files.createDirectories(out.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), out, StandardCopyOption.REPLACE_EXISTING);
    }
}
