package io.posthorn.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.article.Article;
import io.posthorn.clean.Fold;
import io.posthorn.clean.Variant;
import io.posthorn.index.IndexSnapshot;
import io.posthorn.source.SourceFile;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link EntryFilter#select} (names matched once per render, titles scanned by first character)
 * against the rule as written: a word matches when the title, the source, a tag, a category, a
 * stock code or a stock's display name contains it once both are folded. Random articles and
 * random words drawn from their own text, in Simplified, Traditional and upper case.
 */
class EntryFilterTest {
    static final String[] WORDS = {"回购", "宁德时代", "腾讯", "加息", "美联储", "新能源", "港股", "Tesla", "AI", "财报",
        "软件", "之后", "头发", "面条", "里面", "干燥", "发展"};
    static final String[][] STOCKS = {{"300750.SZ", "宁德时代"}, {"00700.HK", "腾讯控股"}, {"MSFT.US", "微软"},
        {"TSLA.US", "特斯拉"}};

    static String words(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(WORDS[r.nextInt(WORDS.length)]).append(r.nextBoolean() ? "" : "，");
        }
        return b.toString();
    }

    static List<Article> articles(Random r, int n) {
        List<Article> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = "k" + i;
            List<String> stocks = new ArrayList<>();
            List<String> names = new ArrayList<>();
            if (r.nextInt(3) == 0) {
                String[] s = STOCKS[r.nextInt(STOCKS.length)];
                stocks.add(s[0]);
                names.add(s[1]);
            }
            out.add(new Article(key, "x.org", new SourceFile(0, Path.of("articles"), key + ".md"),
                    i, words(r, 1 + r.nextInt(4)), OffsetDateTime.parse("2022-06-01T08:00:00+08:00").minusMinutes(i),
                    OffsetDateTime.parse("2022-06-01T08:00:00+08:00").minusMinutes(i), List.of(r.nextBoolean() ? "zhitong" : "cls"),
                    List.of(words(r, 1), words(r, 1)), r.nextBoolean() ? "智通财经网" : null, null, null, null, null, null,
                    false, stocks, names));
        }
        return out;
    }

    /** The rule as README states it, the slow way. */
    static boolean mentions(Article a, String word, IndexSnapshot s) {
        List<String> fields = new ArrayList<>(List.of(a.title()));
        if (a.source() != null) {
            fields.add(a.source());
        }
        fields.addAll(a.tags());
        fields.addAll(a.categories());
        for (String code : a.stocks()) {
            fields.add(code);
            fields.add(s.stockName(code));
        }
        return fields.stream().anyMatch(f -> Fold.of(f).contains(Fold.of(word)));
    }

    @Test
    void selectKeepsWhatTheRuleKeeps() {
        Random r = new Random(7);
        List<Article> articles = articles(r, 400);
        IndexSnapshot snapshot = new IndexSnapshot(articles);
        int kept = 0;
        for (int round = 0; round < 300; round++) {
            String a = WORDS[r.nextInt(WORDS.length)];
            String b = WORDS[r.nextInt(WORDS.length)];
            String c = r.nextInt(4) == 0 ? STOCKS[r.nextInt(STOCKS.length)][r.nextInt(2)] : WORDS[r.nextInt(WORDS.length)];
            String shown = switch (r.nextInt(3)) {
                case 0 -> a;
                case 1 -> Variant.TRADITIONAL.convert(a);
                default -> a.toUpperCase();
            };
            EntryFilter f = EntryFilter.of(shown + "|" + c, r.nextBoolean() ? b : null, null, null, null);
            List<Article> want = new ArrayList<>();
            for (Article x : snapshot.all()) {
                boolean all = mentions(x, a, snapshot) || mentions(x, c, snapshot);
                boolean none = f.none().isEmpty() || !mentions(x, b, snapshot);
                if (all && none) {
                    want.add(x);
                }
            }
            List<Article> got = f.select(snapshot.all(), snapshot);
            assertEquals(want, got, f.query());
            kept += got.size();
        }
        assertTrue(kept > 1000, "the rounds kept something: " + kept);
    }

    @Test
    void titleOnlyLooksAtTitlesAndCodesMatchInAnyCase() {
        Random r = new Random(11);
        IndexSnapshot snapshot = new IndexSnapshot(articles(r, 200));
        EntryFilter byCode = EntryFilter.of("tsla.us", null, null, null, null);
        List<Article> tesla = byCode.select(snapshot.all(), snapshot);
        assertTrue(!tesla.isEmpty() && tesla.stream().allMatch(a -> a.stocks().contains("TSLA.US")));
        EntryFilter byName = EntryFilter.of("特斯拉", null, null, null, null);
        assertEquals(tesla, byName.select(snapshot.all(), snapshot), "a stock's display name finds its articles");
        EntryFilter title = EntryFilter.of(null, null, null, "回購", null);
        for (Article a : title.select(snapshot.all(), snapshot)) {
            assertTrue(a.title().contains("回购"), a.title());
        }
        assertEquals(snapshot.all().stream().filter(a -> a.title().contains("回购")).toList(),
                title.select(snapshot.all(), snapshot));
    }
}
