package io.pilothouse.services.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the records of a {@link JsonLinesAuditLog} back. Tolerant of content: a line that is not a readable record
 * is skipped and reported with its line number, never thrown; only a file that exists and cannot be read throws.
 * Thread-safe: holds no mutable state.
 */
public final class AuditLogReader {

    private final ObjectMapper json = new ObjectMapper();

    /**
     * Reads every record of {@code file}.
     *
     * @return the records and the damaged lines; {@link AuditLogContents#EMPTY} when the file does not exist
     * @throws AuditException if the file exists but cannot be read
     */
    public AuditLogContents read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return AuditLogContents.EMPTY;
        } catch (IOException e) {
            throw new AuditException("cannot read the audit log " + file + ": " + e, e);
        }
    }

    /** Parses the lines of a log, line 1 first. */
    public AuditLogContents parse(List<String> lines) {
        List<AuditEntry> entries = new ArrayList<>();
        List<AuditLogContents.DamagedLine> damaged = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String text = lines.get(i);
            if (text.isBlank() && i == lines.size() - 1) {
                continue; // a trailing empty line is how a file ends, not damage
            }
            try {
                entries.add(entry(json.readTree(text), lineNo));
            } catch (JsonProcessingException e) {
                damaged.add(new AuditLogContents.DamagedLine(lineNo, "not valid JSON (damaged or hand-edited)"));
            } catch (Unreadable e) {
                damaged.add(new AuditLogContents.DamagedLine(lineNo, e.getMessage()));
            }
        }
        return new AuditLogContents(entries, damaged);
    }

    private static AuditEntry entry(JsonNode node, int lineNo) {
        if (node == null || !node.isObject()) {
            throw new Unreadable("not a JSON record");
        }
        if (!node.path("seq").canConvertToLong()) {
            throw new Unreadable("no sequence number");
        }
        Instant time;
        try {
            time = Instant.parse(node.path("time").asText(""));
        } catch (DateTimeParseException e) {
            throw new Unreadable("no valid time");
        }
        AuditOutcome outcome;
        try {
            outcome = AuditOutcome.fromWireName(node.path("outcome").asText(""));
        } catch (IllegalArgumentException e) {
            throw new Unreadable("unknown outcome '" + node.path("outcome").asText("") + "'");
        }
        AuditRecord record = new AuditRecord(time, text(node, "user"), text(node, "action"),
                text(node, "cluster"), text(node, "target"), Collections.unmodifiableMap(map(node.path("parameters"))),
                outcome,
                text(node, "message"), node.path("durationMs").asLong(0), list(node.path("checks")),
                list(node.path("responses")), map(node.path("results")));
        return new AuditEntry(node.path("seq").asLong(), text(node, "hash"), lineNo, record);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().isNull() ? "" : f.getValue().asText()));
        }
        return out;
    }

    private static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    /** A line that parsed as JSON but is not a record; caught per line. */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }
}
