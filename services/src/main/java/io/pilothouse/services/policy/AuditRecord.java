package io.pilothouse.services.policy;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One audited mutation attempt.
 *
 * @param time       when it was requested
 * @param user       the OS user who asked
 * @param action     see {@link MutationRequest#action()}
 * @param cluster    see {@link MutationRequest#cluster()}; may be null
 * @param target     see {@link MutationRequest#target()}
 * @param parameters see {@link MutationRequest#parameters()}
 * @param outcome    ok, refused or failed
 * @param message    why it was refused or how it failed; null when ok
 * @param durationMs how long the action ran (0 when refused)
 * @param checks     pre-check results the action reported ({@code id verdict: reason}), in order
 * @param responses  server answers the action reported, in order
 * @param results    figures the action measured or decided (write unavailability, new leader…)
 */
public record AuditRecord(Instant time, String user, String action, String cluster, String target,
                          Map<String, String> parameters, AuditOutcome outcome, String message, long durationMs,
                          List<String> checks, List<String> responses, Map<String, String> results) {

    public AuditRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(outcome, "outcome");
        parameters = parameters == null ? Map.of() : parameters;
        checks = checks == null ? List.of() : List.copyOf(checks);
        responses = responses == null ? List.of() : List.copyOf(responses);
        results = results == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(results));
    }

    /** A record without evidence. */
    public AuditRecord(Instant time, String user, String action, String cluster, String target,
                       Map<String, String> parameters, AuditOutcome outcome, String message, long durationMs) {
        this(time, user, action, cluster, target, parameters, outcome, message, durationMs, null, null, null);
    }

    /** The record of {@code request} with its outcome and the evidence in {@code trail}. */
    public static AuditRecord of(MutationRequest request, Instant time, String user, AuditOutcome outcome,
                                 String message, long durationMs, AuditTrail trail) {
        return new AuditRecord(time, user, request.action(), request.cluster(), request.target(),
                request.parameters(), outcome, message, durationMs, trail.checks(), trail.responses(),
                trail.results());
    }
}
