package io.pilothouse.views.audit;

import io.pilothouse.services.policy.AuditEntry;
import io.pilothouse.services.policy.AuditOutcome;
import io.pilothouse.services.policy.AuditRecord;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A small audit log: two clusters, every outcome, one record with full evidence. */
final class SampleAudit {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

    static final AuditEntry SWITCHOVER = entry(1, "2026-11-20T10:00:00Z", new AuditRecord(
            Instant.parse("2026-11-20T10:00:00Z"), "ana", "switchover", "demo/pg-main", "node2",
            Map.of("candidate", "node2", "leader", "node1"), AuditOutcome.OK, null, 2140,
            List.of("lag.bytes pass: 0 B behind", "members.streaming pass"),
            List.of("POST http://10.0.0.1:8008/switchover → 200 Successfully switched over to \"node2\""),
            Map.of("writeUnavailableMs", "840", "newLeader", "node2")));
    static final AuditEntry RESTART_FAILED = entry(2, "2026-11-19T09:00:00Z", new AuditRecord(
            Instant.parse("2026-11-19T09:00:00Z"), "ben", "restart", "demo/pg-main", "node3", Map.of(),
            AuditOutcome.FAILED, "IllegalStateException: Patroni answered 503", 15_300));
    static final AuditEntry PAUSE_REFUSED = entry(3, "2026-11-10T09:00:00Z", new AuditRecord(
            Instant.parse("2026-11-10T09:00:00Z"), "ana", "pause", "prod/orders", "cluster", Map.of(),
            AuditOutcome.REFUSED, "the workspace is read-only", 0));
    static final AuditEntry RELOAD = entry(4, "2026-11-20T11:00:00Z", new AuditRecord(
            Instant.parse("2026-11-20T11:00:00Z"), "carl", "reload", "prod/orders", "node1", Map.of(),
            AuditOutcome.OK, null, 95));

    static final List<AuditEntry> ALL = List.of(SWITCHOVER, RESTART_FAILED, PAUSE_REFUSED, RELOAD);

    private SampleAudit() {
    }

    private static AuditEntry entry(long seq, String time, AuditRecord r) {
        return new AuditEntry(seq, String.format("%064x", seq * 7919), (int) seq, r);
    }
}
