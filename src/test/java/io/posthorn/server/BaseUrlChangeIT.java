package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import io.posthorn.testing.RunningServer;
import io.posthorn.testing.TestSites;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarting with another base_url changes links, never ids. */
class BaseUrlChangeIT {
    @TempDir
    Path dir;

    @Test
    void restartWithAnotherBaseUrlKeepsEveryEntryId() {
        TestSites.copySamples(dir);
        Feed before;
        try (RunningServer server = RunningServer.start(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", ""))) {
            before = AtomFeedsIT.parse(server.get("/feeds/all.atom"));
        }
        Feed after;
        try (RunningServer server = RunningServer.start(TestSites.writeConfig(dir, "https://news.example.net/sub/", ""))) {
            after = AtomFeedsIT.parse(server.get("/feeds/all.atom"));
        }
        List<String> idsBefore = before.getEntries().stream().map(Entry::getId).toList();
        assertEquals(idsBefore, after.getEntries().stream().map(Entry::getId).toList());
        assertEquals(before.getId(), after.getId());
        Entry b = before.getEntries().get(0);
        Entry a = after.getEntries().get(0);
        assertNotEquals(AtomFeedsIT.href(b.getAlternateLinks(), "alternate"), AtomFeedsIT.href(a.getAlternateLinks(), "alternate"));
        assertTrue(AtomFeedsIT.href(a.getAlternateLinks(), "alternate").startsWith("https://news.example.net/sub/articles/"));
    }
}
