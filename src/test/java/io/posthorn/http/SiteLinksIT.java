package io.posthorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With site.url and site.article_url, every reader-facing link goes to the real site; Posthorn's page stays related. */
class SiteLinksIT {
    @TempDir
    Path dir;

    @Test
    void entriesLinkToTheSitePageAndPosthornsPageIsRelated() {
        TestSites.write(dir.resolve("articles/2022-05-26-meta-azure.md"), TestSites.article("扩大合作",
                "2022-05-26 12:19:14 +0800", "zhitongcaijingwang", "美股", "<p>正文。</p>"));
        TestSites.write(dir.resolve("articles/2022-06-08-own.md"), "---\ntitle: 自带链接\ndate: 2022-06-08 10:00:00 +0800\n"
                + "categories: [港股]\npermalink: /hk/:title/\n---\n<p>正文。</p>\n");
        Path config = TestSites.write(dir.resolve("feeds.yml"), """
                site:
                  title: 财经新闻
                  id: finews.example.com
                  base_url: http://127.0.0.1:8080/
                  url: https://finance.example.com
                  article_url: pretty
                sources:
                  - path: articles
                """);
        String site = "https://finance.example.com/zhitongcaijingwang/2022/05/26/meta-azure/";
        String own = "https://finance.example.com/hk/own/";
        String posthorn = "http://127.0.0.1:8080/articles/2022-05-26-meta-azure";
        try (RunningServer s = RunningServer.start(config)) {
            Feed atom = Feeds.rome(s.get("/feeds/all.atom"));
            Entry e = atom.getEntries().stream().filter(x -> x.getTitle().equals("扩大合作")).findFirst().orElseThrow();
            assertEquals(site, e.getAlternateLinks().get(0).getHref());
            assertEquals(List.of(posthorn), e.getOtherLinks().stream().filter(l -> "related".equals(l.getRel()))
                    .map(Link::getHref).toList());
            assertTrue(atom.getEntries().stream().anyMatch(x -> x.getAlternateLinks().get(0).getHref().equals(own)),
                    "a post's own permalink wins");
            Channel rss = Feeds.rome(s.get("/feeds/all.rss"));
            assertTrue(rss.getItems().stream().anyMatch(i -> i.getLink().equals(site)));
            JsonNode json = Feeds.json(s.get("/feeds/all.json").body());
            assertTrue(json.get("items").findValuesAsText("url").contains(site));
            JsonNode embed = Feeds.json(s.get("/embed/all.json").body());
            assertTrue(embed.toString().contains(site), embed.toString());
            assertEquals(200, s.get("/articles/2022-05-26-meta-azure").statusCode(), "Posthorn's page stays reachable");
        }
    }
}
