package io.pilothouse.services.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The evidence a mutation gathers while it runs, written into its audit record whatever the outcome: the
 * pre-check results it acted on, every answer a server gave, and the figures it measured. Thread-safe: an operation
 * may report from its progress thread and its probe thread at once.
 */
public final class AuditTrail {

    private final List<String> checks = new ArrayList<>();
    private final List<String> responses = new ArrayList<>();
    private final Map<String, String> results = new LinkedHashMap<>();

    /** One pre-check result, e.g. {@code check("lag.bytes", "fail", "12 MB behind, limit 1 MB")}. */
    public synchronized void check(String id, String verdict, String reason) {
        checks.add(Objects.requireNonNull(id, "id") + " " + Objects.requireNonNull(verdict, "verdict")
                + (reason == null || reason.isBlank() ? "" : ": " + reason));
    }

    /** One server answer, e.g. {@code POST http://10.0.0.1:8008/switchover → 200 Successfully switched over}. */
    public synchronized void response(String text) {
        responses.add(Objects.requireNonNull(text, "text"));
    }

    /** A measured or decided figure, e.g. {@code result("writeUnavailableMs", "840")}; the last value wins. */
    public synchronized void result(String name, String value) {
        results.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    synchronized List<String> checks() {
        return List.copyOf(checks);
    }

    synchronized List<String> responses() {
        return List.copyOf(responses);
    }

    synchronized Map<String, String> results() {
        return Map.copyOf(results);
    }
}
