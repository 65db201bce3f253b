package io.posthorn.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What fills a source's folder. Immutable and thread-safe.
 */
public sealed interface SourceKind {
    /** Nothing but its operator: the folder is read as it is. */
    Folder FOLDER = new Folder();

    /** Whether its articles have pages of their own on the site ({@code site.url}): a folder's posts do, fetched entries do not. */
    boolean sitePages();

    /** A folder of hand-written (or otherwise written) article files. */
    record Folder() implements SourceKind {
        @Override
        public boolean sitePages() {
            return true;
        }
    }

    /**
     * An upstream feed (RSS, Atom or JSON Feed) whose entries are written into the folder as
     * article files.
     *
     * @param url       the configured feed URL (http or https)
     * @param name      the attribution and per-source feed name, or null for the upstream's own title
     * @param category  a category added to every entry, or null
     * @param tags      tags added to every entry
     * @param every     poll at most this often
     * @param keepDays  entry files older than this many days are deleted; 0 keeps all
     */
    record Upstream(URI url, String name, String category, List<String> tags, Duration every, int keepDays)
            implements SourceKind {
        public Upstream {
            Objects.requireNonNull(url, "url");
            tags = List.copyOf(tags);
            Objects.requireNonNull(every, "every");
        }

        @Override
        public boolean sitePages() {
            return false;
        }
    }
}
