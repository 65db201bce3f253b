package io.posthorn.server;

import io.posthorn.config.Config;
import io.posthorn.config.SourceConfig;
import io.posthorn.config.SourceKind;
import io.posthorn.upstream.Upstreams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;

/**
 * What fills each source's folder, by its {@link SourceKind}: nothing for a folder, the upstream
 * poller for an upstream feed. The one place that knows the kinds of sources; a new kind is a
 * case here and the class that runs it. Stateless.
 */
final class Feeders {
    private Feeders() {
    }

    /** The pollers of every upstream source; their folders are made if missing. */
    static Upstreams upstreams(Config config, Clock clock) {
        for (SourceConfig source : config.sources()) {
            // Java 17: no pattern switch; each kind is one branch
            if (source.kind() instanceof SourceKind.Upstream u) {
                try {
                    Files.createDirectories(source.path());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot make the folder of upstream " + u.url(), e);
                }
            }
        }
        return new Upstreams(config, clock);
    }
}
