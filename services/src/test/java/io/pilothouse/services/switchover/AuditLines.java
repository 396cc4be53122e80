package io.pilothouse.services.switchover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.services.policy.AuditOutcome;
import io.pilothouse.services.policy.AuditRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an audit log back in tests, to assert on what an operation recorded. */
final class AuditLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLines() {
    }

    static List<AuditRecord> read(Path file) {
        try {
            List<AuditRecord> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                JsonNode n = JSON.readTree(line);
                out.add(new AuditRecord(Instant.parse(n.get("time").asText()), n.path("user").asText(),
                        n.path("action").asText(), n.path("cluster").asText(), n.path("target").asText(),
                        map(n.path("parameters")), AuditOutcome.fromWireName(n.path("outcome").asText()),
                        n.path("message").isNull() ? null : n.path("message").asText(), n.path("durationMs").asLong(),
                        list(n.path("checks")), list(n.path("responses")), map(n.path("results"))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> list(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(e -> out.add(e.asText()));
        return out;
    }

    private static Map<String, String> map(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
