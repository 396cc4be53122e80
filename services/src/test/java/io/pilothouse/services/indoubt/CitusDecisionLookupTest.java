package io.pilothouse.services.indoubt;

import io.pilothouse.services.indoubt.DecisionRecord.Outcome;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SharedSandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Citus cannot be installed on this machine, so the lookup's SQL is checked as text and, against the sandbox's
 * real PostgreSQL, only the "Citus is absent" path.
 */
@Tag("servers")
class CitusDecisionLookupTest {

    @Test
    void detectionReadsPgExtensionForCitus() {
        assertThat(CitusDecisionLookup.DETECT_SQL)
                .isEqualTo("SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'citus'");
    }

    @Test
    void recordsAreLookedUpByGidPrefixAsAParameter() {
        assertThat(CitusDecisionLookup.RECORDS_SQL)
                .isEqualTo("SELECT groupid, gid FROM pg_catalog.pg_dist_transaction WHERE starts_with(gid, ?) "
                        + "ORDER BY groupid, gid");
        // The "_" keeps citus_0_1_2 from matching the branches of citus_0_1_23.
        assertThat(CitusDecisionLookup.gidPrefix("citus_0_1_2")).isEqualTo("citus_0_1_2_");
    }

    @Test
    void theInitiatorGroupComesFromTheGid() {
        assertThat(CitusDecisionLookup.initiatorGroup("citus_3_99_7")).isEqualTo(3);
        assertThat(CitusDecisionLookup.initiatorGroup("citus_0_99_7_1")).isZero();
        assertThat(CitusDecisionLookup.initiatorGroup("tx_001")).isEqualTo(-1);
    }

    @Test
    void aNonCitusGlobalIdIsUnknownWithoutConnecting() {
        AtomicInteger opened = new AtomicInteger();
        CitusDecisionLookup lookup = new CitusDecisionLookup("coordinator", () -> {
            opened.incrementAndGet();
            throw new java.sql.SQLException("must not connect");
        }, Duration.ofSeconds(2));

        DecisionRecord d = lookup.lookup("tx_001");

        assertThat(d.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(d.detail()).contains("not a Citus global transaction id");
        assertThat(opened).hasValue(0);
    }

    @Test
    void detectionSaysAbsentOnTheSandbox() throws Exception {
        SandboxInfo sandbox = SharedSandbox.get();
        try (Connection c = SandboxConnections.connect(sandbox, "node1", sandbox.monitorUser(), "postgres")) {
            CitusDecisionLookup.Presence presence = CitusDecisionLookup.detect(c);

            assertThat(presence.installed()).isFalse();
            assertThat(presence.describe()).startsWith("Citus is not installed");
        }
    }

    @Test
    void lookupOnAServerWithoutCitusIsUnknownAndSaysCitusIsAbsent() {
        SandboxInfo sandbox = SharedSandbox.get();
        CitusDecisionLookup lookup = new CitusDecisionLookup("demo/node1",
                () -> SandboxConnections.connect(sandbox, "node1", sandbox.monitorUser(), "postgres"),
                Duration.ofSeconds(5));

        DecisionRecord d = lookup.lookup("citus_0_4242_17");

        assertThat(d.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(d.source()).isEqualTo(DecisionRecord.Source.CITUS_DIST_TRANSACTION);
        assertThat(d.detail()).startsWith("Citus is not installed").contains("pg_dist_transaction");
    }
}
