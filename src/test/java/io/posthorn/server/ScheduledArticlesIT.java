package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import io.posthorn.testing.Await;
import io.posthorn.testing.Feeds;
import io.posthorn.testing.MovableClock;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An article written ahead of its date (a scheduled post) is held back, then appears in its
 * feeds when its date comes, though nobody touches its file again.
 */
class ScheduledArticlesIT {
    @TempDir
    Path dir;

    private static List<String> titles(RunningServer server, String path) {
        Feed feed = Feeds.rome(server.get(path));
        return feed.getEntries().stream().map(Entry::getTitle).toList();
    }

    @Test
    void aScheduledArticleAppearsWhenItsDateComes() {
        Path articles = dir.resolve("articles");
        TestSites.write(articles.resolve("2030-01-01-today.md"),
                TestSites.article("今天的新闻", "2030-01-01 08:00:00 +0800", "cailianshe", "市场", "<p>正文</p>"));
        TestSites.write(articles.resolve("2030-01-10-scheduled.md"),
                TestSites.article("预定发布的新闻", "2030-01-10 10:00:00 +0800", "cailianshe", "市场", "<p>正文</p>"));
        MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
        try (RunningServer server = RunningServer.start(TestSites.writeConfig(dir, "http://127.0.0.1:8080/",
                "watch:\n  debounce_ms: 50\n  rescan_seconds: 1\n"), clock)) {
            assertEquals(List.of("今天的新闻"), titles(server, "/feeds/all.atom"));
            assertEquals(List.of("今天的新闻"), titles(server, "/feeds/tags/%E5%B8%82%E5%9C%BA.atom"));

            clock.advance(Duration.ofDays(9)); // past 2030-01-09T02:00Z: within a day of its date
            Await.until("the scheduled article in the feed", Duration.ofSeconds(15),
                    () -> titles(server, "/feeds/all.atom").size() == 2);
            assertEquals(List.of("预定发布的新闻", "今天的新闻"), titles(server, "/feeds/all.atom"));
            assertEquals(List.of("预定发布的新闻", "今天的新闻"), titles(server, "/feeds/tags/%E5%B8%82%E5%9C%BA.atom"),
                    "its tag feed was invalidated too");
        }
    }
}
