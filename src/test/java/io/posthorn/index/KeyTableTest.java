package io.posthorn.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.posthorn.article.Article;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressed key table answers as a map would, through additions and removals that shift runs. */
class KeyTableTest {
    @Test
    void answersAsAMapThroughRandomChanges() {
        Random random = new Random(7);
        Map<String, Article> model = new HashMap<>();
        KeyTable table = KeyTable.of(List.of());
        for (int step = 0; step < 2_000; step++) {
            List<Article> removed = new ArrayList<>();
            List<Article> added = new ArrayList<>();
            for (int n = random.nextInt(5); n > 0; n--) {
                // few keys, so runs collide and removals move entries back
                String key = "k" + random.nextInt(300);
                Article held = model.get(key);
                if (held != null && random.nextBoolean() && !removed.contains(held)) {
                    removed.add(held);
                } else if (held == null && added.stream().noneMatch(a -> a.key().equals(key))) {
                    added.add(IndexSnapshotTest.article(key, "2022-06-08T17:45:12+08:00", List.of(), List.of(), null));
                }
            }
            table = table.with(removed, added);
            removed.forEach(a -> model.remove(a.key()));
            added.forEach(a -> model.put(a.key(), a));
            assertEquals(model.size(), table.size(), "step " + step);
            for (int k = 0; k < 300; k++) {
                Article expected = model.get("k" + k);
                if (expected == null) {
                    assertNull(table.get("k" + k), "step " + step);
                } else {
                    assertSame(expected, table.get("k" + k), "step " + step);
                }
            }
        }
    }

    @Test
    void twoArticlesWithOneKeyAreRefused() {
        Article a = IndexSnapshotTest.article("same", "2022-06-08T17:45:12+08:00", List.of(), List.of(), null);
        Article b = IndexSnapshotTest.article("same", "2022-06-09T17:45:12+08:00", List.of(), List.of(), null);
        assertThrows(IllegalArgumentException.class, () -> KeyTable.of(List.of(a, b)));
        assertThrows(IllegalArgumentException.class, () -> KeyTable.of(List.of(a)).with(List.of(), List.of(b)));
        assertSame(b, KeyTable.of(List.of(a)).with(List.of(a), List.of(b)).get("same"));
    }
}
