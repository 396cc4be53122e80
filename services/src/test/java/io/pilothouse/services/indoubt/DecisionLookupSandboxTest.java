package io.pilothouse.services.indoubt;

import io.pilothouse.services.indoubt.DecisionRecord.Outcome;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SharedSandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workspace decision query against the sandbox's real PostgreSQL. The decision "table" is a VALUES list, so
 * nothing is created on the shared sandbox.
 */
@Tag("servers")
class DecisionLookupSandboxTest {

    private static final String DECISIONS = "SELECT committed, decided_at FROM (VALUES "
            + "('tx_001', true, timestamptz '2025-06-01 11:50:00+00'), "
            + "('tx_002', false, NULL::timestamptz), "
            + "('tx_003', NULL::boolean, NULL::timestamptz), "
            + "('tx_004', true, NULL), ('tx_004', true, NULL)) AS d(global_id, committed, decided_at) "
            + "WHERE global_id = $1";

    private QueryDecisionLookup lookup(String query, Duration timeout) {
        SandboxInfo sandbox = SharedSandbox.get();
        return new QueryDecisionLookup("demo/node1, database postgres",
                query, () -> SandboxConnections.connect(sandbox, "node1", sandbox.monitorUser(), "postgres"), timeout);
    }

    @Test
    void trueIsCommittedWithTheTimeFromASecondColumn() {
        DecisionRecord d = lookup(DECISIONS, Duration.ofSeconds(5)).lookup("tx_001");

        assertThat(d.outcome()).isEqualTo(Outcome.COMMITTED);
        assertThat(d.decidedAt()).isEqualTo(Instant.parse("2025-06-01T11:50:00Z"));
        assertThat(d.where()).isEqualTo("demo/node1, database postgres");
    }

    @Test
    void falseAndNoRowAreNotCommitted() {
        QueryDecisionLookup lookup = lookup(DECISIONS, Duration.ofSeconds(5));

        assertThat(lookup.lookup("tx_002").outcome()).isEqualTo(Outcome.NOT_COMMITTED);
        assertThat(lookup.lookup("tx_999").outcome()).isEqualTo(Outcome.NOT_COMMITTED);
    }

    @Test
    void nullAndSeveralRowsAreUnknown() {
        QueryDecisionLookup lookup = lookup(DECISIONS, Duration.ofSeconds(5));

        assertThat(lookup.lookup("tx_003").detail()).contains("returned NULL");
        assertThat(lookup.lookup("tx_004").detail()).contains("more than one row");
    }

    @Test
    void theParameterIsUntypedSoAUuidColumnWorks() {
        DecisionRecord d = lookup("SELECT true WHERE '0b9c6a52-3f1e-4c8e-9d7a-2b5e1f0c7a11'::uuid = $1",
                Duration.ofSeconds(5)).lookup("0b9c6a52-3f1e-4c8e-9d7a-2b5e1f0c7a11");

        assertThat(d.outcome()).isEqualTo(Outcome.COMMITTED);
    }

    @Test
    void theQueryRunsInAReadOnlyTransaction() {
        DecisionRecord d = lookup("SELECT current_setting('transaction_read_only') = 'on' WHERE $1::text <> ''",
                Duration.ofSeconds(5)).lookup("tx_001");

        assertThat(d.outcome()).isEqualTo(Outcome.COMMITTED);
    }

    @Test
    void aQueryThatWritesIsRefusedByTheServer() {
        // Row locks need write access: refused in a read-only transaction before any privilege check.
        DecisionRecord d = lookup("SELECT true FROM pg_catalog.pg_namespace WHERE nspname = $1 FOR UPDATE",
                Duration.ofSeconds(5)).lookup("pg_catalog");

        assertThat(d.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(d.detail()).contains("read-only transaction");
    }

    @Test
    void aSlowQueryIsCutByTheStatementTimeout() {
        long start = System.nanoTime();
        DecisionRecord d = lookup("SELECT pg_sleep(10) IS NOT NULL WHERE $1::text <> ''", Duration.ofMillis(500))
                .lookup("tx_001");

        assertThat(d.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(d.detail()).contains("57014");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aNonBooleanFirstColumnIsUnknown() {
        DecisionRecord d = lookup("SELECT 'yes' WHERE $1::text <> ''", Duration.ofSeconds(5)).lookup("tx_001");

        assertThat(d.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(d.detail()).contains("must be a boolean");
    }

    @Test
    void aMissingTableIsUnknownWithTheSqlState() {
        DecisionRecord d = lookup("SELECT committed FROM no_such_decisions WHERE global_id = $1",
                Duration.ofSeconds(5)).lookup("tx_001");

        assertThat(d.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(d.detail()).startsWith("the decision query failed: SQLSTATE 42P01");
    }
}
