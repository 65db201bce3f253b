package io.posthorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posthorn.cache.CacheCounts;
import io.posthorn.metrics.Metrics;
import io.posthorn.testing.TestSites;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up warm-up renders every format of a made-up article and leaves no trace in the caches. */
class WarmUpTest {
    @TempDir
    Path dir;

    private static final CacheCounts NONE = new CacheCounts(0, 0, 0, 0);

    @Test
    void rendersEveryFormatAndTouchesNoCache() {
        TestSites.copySamples(dir);
        try (Site site = new Site(TestSites.load(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", "")),
                Clock.systemUTC(), () -> null, new Metrics())) {
            assertTrue(site.warmUp());
            assertEquals(NONE, site.feedCache().counts());
            assertEquals(NONE, site.contentCache().counts());
            assertEquals(0, site.snapshot().size(), "nothing was indexed");
        }
    }

    @Test
    void worksUnderRulesThatReplaceTheDefaults() {
        TestSites.copySamples(dir);
        String rules = "clean:\n  defaults: false\n  remove: ['.ad', 'p:containsOwn(广告)']\n";
        try (Site site = new Site(TestSites.load(TestSites.writeConfig(dir, "http://127.0.0.1:8080/", rules)),
                Clock.systemUTC(), () -> null, new Metrics())) {
            assertTrue(site.warmUp());
        }
    }
}
