package io.posthorn.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posthorn.article.Article;
import io.posthorn.config.SiteConfig;
import io.posthorn.source.SourceFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where entries link: the real site's page for a folder's post, Posthorn's own page for an upstream entry. */
class LinksTest {
    @Test
    void onlyFoldersHavePagesOnTheSite() {
        SiteConfig site = new SiteConfig("财经新闻", "finews.example.com", URI.create("http://127.0.0.1:8080/"),
                ZoneId.of("Asia/Shanghai"), null, URI.create("https://finance.example.com"), "none");
        Links links = new Links(site, Map.of(), code -> "", source -> source == 0);
        OffsetDateTime d = OffsetDateTime.parse("2022-05-26T12:19:14+08:00");
        Article post = new Article("a", "x", new SourceFile(0, Path.of("/tmp/a"), "2022-05-26-meta-azure.md"),
                1, "T", d, d, List.of("news"), List.of(), null, null);
        Article fetched = new Article("u-1", "x", new SourceFile(1, Path.of("/tmp/u"),
                "2022-05-26-u-1.html"), 1, "T", d, d, List.of("news"), List.of(), null, null);
        assertEquals("https://finance.example.com/news/meta-azure.html", links.alternate(post));
        assertEquals("http://127.0.0.1:8080/articles/u-1", links.alternate(fetched), "no page on the site for it");
    }
}
