package io.pilothouse.services.switchover;

import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.StandbyNames;
import io.pilothouse.services.model.SyncMode;
import io.pilothouse.services.sandbox.PatroniRelease;
import io.pilothouse.services.sandbox.SandboxSync;
import io.pilothouse.services.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quorum commit for real: a 3-member sandbox on Patroni 4.0.7 bootstrapped with {@code --sync quorum}. The voters
 * are quorum standbys (not sync standbys), the rule is {@code ANY 1 of …} from the leader's
 * {@code synchronous_standby_names}, the sync key's {@code quorum} is read, and the failover pre-checks apply the
 * voter rule. Always Patroni 4 (quorum does not exist in 3.x), so not in the Patroni matrix.
 */
@Tag("servers")
class QuorumSandboxTest {

    private static final Duration SETTLE = Duration.ofSeconds(120);

    private static SwitchoverSandbox sandbox;
    private static LiveModel live;
    private static SwitchoverService service;

    @BeforeAll
    static void start() {
        sandbox = SwitchoverSandbox.start("sync-quorum-", s -> s.withScope("quorum").withPatroni(PatroniRelease.PATRONI_4)
                .withSync(SandboxSync.parse("quorum", null)));
        live = sandbox.live();
        service = sandbox.service();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static ClusterSnapshot awaitQuorumShown() {
        return Await.until(SETTLE, "a healthy quorum cluster with its sync key and synchronous_standby_names read",
                () -> live.cluster("quorum"),
                c -> LiveModel.isHealthy(c, 3) && c.sourceStatus(SourceKind.ETCD).freshness() == Freshness.LIVE
                        && c.sync().mode() == SyncMode.QUORUM && c.sync().standbys().size() == 2
                        && c.sync().quorum() != null && c.sync().standbyNames() != null
                        && c.members().stream().filter(m -> m.role() == MemberRole.QUORUM_STANDBY).count() == 2
                        // Patroni names the voters in the sync key and the leader's setting a loop apart.
                        && c.sync().parsedStandbyNames().method() == StandbyNames.Method.ANY
                        && c.members().stream().filter(m -> !m.role().isLeaderLike())
                                .allMatch(m -> "quorum".equals(m.syncState())));
    }

    @Test
    void votersAreQuorumStandbysUnderAnAnyRule() {
        ClusterSnapshot c = awaitQuorumShown();

        assertThat(c.members()).filteredOn(m -> !m.role().isLeaderLike()).allSatisfy(m -> {
            assertThat(m.role()).isEqualTo(MemberRole.QUORUM_STANDBY);
            assertThat(m.syncState()).isEqualTo("quorum");
        });
        assertThat(c.members()).noneMatch(m -> m.role() == MemberRole.SYNC_STANDBY);
        StandbyNames ssn = c.sync().parsedStandbyNames();
        assertThat(ssn.method()).isEqualTo(StandbyNames.Method.ANY);
        assertThat(ssn.count()).isEqualTo(1);
        assertThat(ssn.members()).containsExactlyInAnyOrderElementsOf(c.sync().standbys());
        // Two voters, ANY 1: a candidate must not be behind 1 other voter.
        assertThat(c.sync().quorum()).isEqualTo(1);
        assertThat(c.sync().rule()).isEqualTo("ANY 1 of " + String.join(", ", c.sync().standbys()));
        assertThat(c.sync().writesBlocked()).isFalse();
        assertThat(c.members()).extracting(m -> m.patroniVersion()).containsOnly("4.0.7");
    }

    @Test
    void failoverPreChecksCompareEachVoterWithTheOthers() {
        ClusterSnapshot c = awaitQuorumShown();

        CheckMatrix matrix = service.check(c.source(), c.scope(), OperationKind.FAILOVER, null);

        assertThat(matrix.rows()).hasSize(2).allSatisfy(row -> {
            CheckResult sync = row.result(CheckId.SYNCHRONOUS).orElseThrow();
            // An idle cluster: every voter has received as much as the other, so each is safe.
            assertThat(sync.verdict()).as(sync.reason()).isEqualTo(Verdict.PASS);
            assertThat(sync.reason()).startsWith("quorum voter, not behind 1 of the other voters").contains("quorum 1");
        });
    }
}
