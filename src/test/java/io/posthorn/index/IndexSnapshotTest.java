package io.posthorn.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.article.Article;
import io.posthorn.source.SourceFile;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexSnapshotTest {
    static Article article(String key, String date, List<String> categories, List<String> tags, String source) {
        OffsetDateTime d = OffsetDateTime.parse(date);
        return new Article(key, "x.org", new SourceFile(0, Path.of("/tmp"), key + ".md"), 1,
                "T " + key, d, d, categories, tags, source, null);
    }

    @Test
    void groupsNewestFirstWithKeyAsTieBreak() {
        Article a = article("a", "2022-06-08T17:45:12+08:00", List.of("c1"), List.of("美股"), "财联社");
        Article b = article("b", "2022-06-08T09:45:12Z", List.of("c1", "c2"), List.of("美股", "港股"), null);
        Article c = article("c", "2022-06-09T00:00:00+08:00", List.of("c2"), List.of(), "财联社");
        Article d = article("d", "2022-06-01T00:00:00+08:00", List.of("c1"), List.of("港股"), "证券时报");
        for (List<Article> input : List.of(List.of(a, b, c, d), List.of(d, c, b, a), List.of(b, d, a, c))) {
            IndexSnapshot s = new IndexSnapshot(input);
            assertEquals(List.of(c, a, b, d), s.all(), "c is newest; a and b are the same instant, ordered by key");
            assertEquals(Optional.of(List.of(a, b, d)), s.entries(new FeedKey(FeedKind.CATEGORY, "c1")));
            assertEquals(Optional.of(List.of(c, b)), s.entries(new FeedKey(FeedKind.CATEGORY, "c2")));
            assertEquals(Optional.of(List.of(a, b)), s.entries(new FeedKey(FeedKind.TAG, "美股")));
            assertEquals(Optional.of(List.of(c, a)), s.entries(new FeedKey(FeedKind.SOURCE, "财联社")));
            assertEquals(Optional.empty(), s.entries(new FeedKey(FeedKind.TAG, "none")));
            assertEquals(Optional.of(d), s.article("d"));
        }
    }

    @Test
    void duplicateKeysAreRejected() {
        Article a = article("a", "2022-06-08T17:45:12+08:00", List.of(), List.of(), null);
        assertThrows(IllegalArgumentException.class, () -> new IndexSnapshot(List.of(a, a)));
        assertTrue(IndexSnapshot.empty().all().isEmpty());
    }

    @Test
    void feedPathsArePercentEncodedSegments() {
        assertEquals("feeds/all", FeedKey.ALL.path());
        assertEquals("feeds/tags/%E7%BE%8E%E8%82%A1", new FeedKey(FeedKind.TAG, "美股").path());
        assertEquals("feeds/tags/a%2F..%3F%23%25%20b", new FeedKey(FeedKind.TAG, "a/..?#% b").path());
    }
}
