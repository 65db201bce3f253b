package io.posthorn.websub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.posthorn.files.AtomicFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The hub's subscriptions on disk, so they survive a restart: one JSON file
 * ({@code {"version":1,"subscriptions":[{"topic":…,"callback":…,"secret":…,"expires":…}]}}),
 * written whole to a temporary file and renamed, readable by its owner only (it holds the
 * subscribers' secrets). A file that cannot be read is logged and set aside, never fatal; an
 * entry that does not parse is skipped and counted. Not thread-safe: the hub calls it under its lock.
 */
final class SubscriptionStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SubscriptionStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;

    private final Path file;

    SubscriptionStore(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    List<Subscription> load() {
        List<Subscription> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || root.path("version").asInt() != VERSION || !root.path("subscriptions").isArray()) {
                LOG.warn("websub: {} is not a subscriptions file of version {}; starting without subscriptions", file, VERSION);
                return out;
            }
            int skipped = 0;
            for (JsonNode n : root.get("subscriptions")) {
                try {
                    String secret = n.hasNonNull("secret") ? n.get("secret").asText() : null;
                    out.add(new Subscription(n.get("topic").asText(), new URI(n.get("callback").asText()), secret,
                            Instant.parse(n.get("expires").asText())));
                } catch (RuntimeException | java.net.URISyntaxException e) {
                    skipped++;
                }
            }
            if (skipped > 0) {
                LOG.warn("websub: {}: skipped {} subscriptions that do not parse", file, skipped);
            }
        } catch (IOException e) {
            LOG.warn("websub: cannot read {} ({}); starting without subscriptions", file, e.getMessage());
        }
        return out;
    }

    void save(Collection<Subscription> subscriptions) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ArrayNode list = root.putArray("subscriptions");
        for (Subscription s : subscriptions) {
            ObjectNode n = list.addObject();
            n.put("topic", s.topic());
            n.put("callback", s.callback().toString());
            if (s.secret() != null) {
                n.put("secret", s.secret());
            }
            n.put("expires", s.expires().toString());
        }
        AtomicFile.write(file, true, out -> JSON.writeValue(out, root));
    }
}
