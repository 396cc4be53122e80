package io.pilothouse.services.alerts.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilothouse.services.platform.PrivateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outbound targets' state as a long-running session (window, watch, wall) last wrote it, so that
 * {@code pilothouse alerts} — a separate process that sends nothing itself — can show it with its age. One file per
 * workspace name, owner-only; it holds URLs and counts, never a secret.
 */
public final class DeliveryStatusFile {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * What was written.
     *
     * @param writtenAt when
     * @param pid       the writing process
     * @param targets   each target's state then
     */
    public record Stored(Instant writtenAt, long pid, List<DeliveryStatus> targets) {}

    private DeliveryStatusFile() {
    }

    /** The file for workspace {@code name} in {@code dir}. */
    public static Path of(Path dir, String workspaceName) {
        return dir.resolve("outbound-" + workspaceName.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }

    public static void write(Path file, Instant now, List<DeliveryStatus> targets) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("writtenAt", now.toString());
        root.put("pid", ProcessHandle.current().pid());
        var list = root.putArray("targets");
        for (DeliveryStatus s : targets) {
            ObjectNode t = list.addObject();
            t.put("target", s.target());
            t.put("url", s.url());
            t.put("lastAttempt", s.lastAttempt() == null ? null : s.lastAttempt().toString());
            t.put("lastResult", s.lastResult());
            t.put("lastDelivered", s.lastDelivered() == null ? null : s.lastDelivered().toString());
            t.put("delivered", s.delivered());
            t.put("failed", s.failed());
            t.put("dropped", s.dropped());
            t.put("queued", s.queued());
        }
        PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
        PrivateFiles.writeAtomically(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** What the file holds, or empty when there is none (no session of this workspace delivered here). */
    public static Optional<Stored> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root = MAPPER.readTree(Files.readString(file));
        List<DeliveryStatus> targets = new ArrayList<>();
        for (JsonNode t : root.path("targets")) {
            targets.add(new DeliveryStatus(t.path("target").asText(), t.path("url").asText(),
                    instant(t.get("lastAttempt")), t.hasNonNull("lastResult") ? t.get("lastResult").asText() : null,
                    instant(t.get("lastDelivered")), t.path("delivered").asLong(), t.path("failed").asLong(),
                    t.path("dropped").asLong(), t.path("queued").asInt()));
        }
        return Optional.of(new Stored(instant(root.get("writtenAt")), root.path("pid").asLong(), targets));
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }
}
