package io.pilothouse.services.policy;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

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
 */
public record AuditRecord(Instant time, String user, String action, String cluster, String target,
                          Map<String, String> parameters, AuditOutcome outcome, String message, long durationMs) {

    public AuditRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(outcome, "outcome");
        parameters = parameters == null ? Map.of() : parameters;
    }

    /** The record of {@code request} with its outcome. */
    public static AuditRecord of(MutationRequest request, Instant time, String user, AuditOutcome outcome,
                                 String message, long durationMs) {
        return new AuditRecord(time, user, request.action(), request.cluster(), request.target(),
                request.parameters(), outcome, message, durationMs);
    }
}
