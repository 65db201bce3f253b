package io.posthorn.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posthorn.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Posthorn remembers of one upstream between polls and runs, kept as JSON in a hidden file
 * in the upstream's folder ({@value #FILE}; hidden files are never read as articles). Shared by
 * {@code serve} and {@code fetch}. Plain fields for Jackson; not thread-safe: one poll at a time
 * owns it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
final class UpstreamState {
    static final String FILE = ".posthorn-upstream.json";
    // one line, not indented: written after every poll, so its cost counts (jq . reads it back nicely)
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The URL in feeds.yml when this state was made: a new one starts afresh (410, moves). */
    public String configuredUrl;
    /** Where a permanent redirect seen on 3 polls in a row moved the upstream, or null. */
    public String movedUrl;
    public String redirectTarget;
    public int redirectStreak;
    public String etag;
    public String lastModified;
    public String title;
    /** The RSS ttl of the last document read, minutes: a 304 (no document) still honours it. */
    public int ttl;
    public long lastPoll;
    public int lastStatus;
    public String lastError;
    public long nextPoll;
    public long retryAfterUntil;
    public boolean gone;
    public int failures;
    public int emptyPolls;
    public int lastNew;
    public int lastUpdated;
    public int lastUnchanged;
    public int lastDuplicates;
    public int lastSkipped;
    /** Entries seen, by article key. */
    public Map<String, Seen> entries = new LinkedHashMap<>();

    /** One entry as last written. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Seen {
        public String file;
        public String digest;
        /** The entry's date as written (first sight when it had none): it keeps the entry id. */
        public String date;
        public String link;
        public long firstSeen;
        /** When a document last listed it. */
        public long lastSeen;
        public boolean expired;
    }

    static UpstreamState load(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.exists(file)) {
            return new UpstreamState();
        }
        try {
            UpstreamState state = JSON.readValue(file.toFile(), UpstreamState.class);
            if (state.entries == null) {
                state.entries = new LinkedHashMap<>();
            }
            return state;
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(UpstreamState.class)
                    .warn("{}: cannot read the upstream state ({}); starting afresh", file, e.getMessage());
            return new UpstreamState();
        }
    }

    /** The state file's modification time in milliseconds, or 0 when there is none. */
    static long modified(Path folder) {
        return AtomicFile.modified(folder.resolve(FILE));
    }

    void save(Path folder) throws IOException {
        AtomicFile.write(folder.resolve(FILE), false, out -> JSON.writeValue(out, this));
    }
}
