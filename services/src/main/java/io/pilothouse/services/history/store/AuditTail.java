package io.pilothouse.services.history.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Follows the audit log from where it ended when the session started: each operation outcome appended since (by
 * this window or by a command line run) becomes an {@link HistoryRecord.Audit}. The audit log stays the
 * tamper-evident record; the store keeps a copy for the time line.
 */
final class AuditTail {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path log;
    private long offset;

    AuditTail(Path log) {
        this.log = log;
        this.offset = size(log);
    }

    /** Reads the complete lines appended since the last call. */
    void poll(Consumer<HistoryRecord.Audit> out) {
        long size = size(log);
        if (size < offset) {
            offset = 0; // rotated or replaced
        }
        if (size == offset) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            f.seek(offset);
            byte[] bytes = new byte[(int) Math.min(size - offset, 4 << 20)];
            f.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return;
            }
            for (String line : text.substring(0, end).split("\n")) {
                parse(line, out);
            }
            offset += text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
        } catch (IOException e) {
            // The audit log is optional here; the next poll tries again.
        }
    }

    private static void parse(String line, Consumer<HistoryRecord.Audit> out) {
        if (line.isBlank()) {
            return;
        }
        try {
            JsonNode n = MAPPER.readTree(line);
            out.accept(new HistoryRecord.Audit(Instant.parse(n.path("time").asText()), text(n, "cluster"),
                    text(n, "action"), text(n, "outcome"), line));
        } catch (IOException | RuntimeException e) {
            // A line that is not an audit record (a partial write) is skipped, not stored.
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static long size(Path p) {
        try {
            return p != null && Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
