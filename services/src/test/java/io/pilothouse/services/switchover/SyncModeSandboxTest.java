package io.pilothouse.services.switchover;

import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.StandbyNames;
import io.pilothouse.services.model.SyncMode;
import io.pilothouse.services.sandbox.SandboxSync;
import io.pilothouse.services.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 3-member sandbox bootstrapped with {@code --sync on} (synchronous_mode: true, one sync standby): the model reads
 * the mode from the DCS, the sync standby from the {@code sync} key, the leader's {@code synchronous_standby_names}
 * over SQL, and the failover pre-checks accept only the sync standby.
 */
@Tag("servers")
@Tag("patroni-matrix")
class SyncModeSandboxTest {

    private static final Duration SETTLE = Duration.ofSeconds(120);

    private static SwitchoverSandbox sandbox;
    private static LiveModel live;
    private static SwitchoverService service;

    @BeforeAll
    static void start() {
        sandbox = SwitchoverSandbox.start("sync-on-", s -> s.withScope("synced").withSync(SandboxSync.parse("on", null)));
        live = sandbox.live();
        service = sandbox.service();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** Healthy, with the sync key and the leader's setting read and naming the same one standby. */
    private static ClusterSnapshot awaitSyncShown() {
        return Await.until(SETTLE, "a healthy cluster whose sync standby, sync key and synchronous_standby_names "
                        + "are read", () -> live.cluster("synced"),
                c -> LiveModel.isHealthy(c, 3) && c.sourceStatus(SourceKind.ETCD).freshness() == Freshness.LIVE
                        && c.sync().mode() == SyncMode.SYNC && c.sync().standbys().size() == 1
                        && c.sync().standbyNames() != null
                        && c.sync().parsedStandbyNames().members().equals(c.sync().standbys())
                        && c.members().stream().filter(m -> m.role() == MemberRole.SYNC_STANDBY).count() == 1);
    }

    @Test
    void showsTheSyncStandbyTheRuleAndTheLeadersStandbyNames() {
        ClusterSnapshot c = awaitSyncShown();
        String syncStandby = c.sync().standbys().get(0);

        assertThat(c.member(syncStandby).orElseThrow().role()).isEqualTo(MemberRole.SYNC_STANDBY);
        assertThat(c.member(syncStandby).orElseThrow().syncState()).isEqualTo("sync");
        Member other = c.members().stream().filter(m -> !m.role().isLeaderLike() && !m.name().equals(syncStandby))
                .findFirst().orElseThrow();
        assertThat(other.role()).isEqualTo(MemberRole.REPLICA);
        assertThat(other.syncState()).isEqualTo("async");

        assertThat(c.sync().strict()).isFalse();
        assertThat(c.sync().nodeCount()).isEqualTo(1);
        assertThat(c.sync().rule()).isEqualTo("1 sync standby: " + syncStandby);
        assertThat(c.sync().required()).isEqualTo(1);
        // Patroni 3.0.2 writes one name bare: PostgreSQL reads it as FIRST 1 (name).
        StandbyNames ssn = c.sync().parsedStandbyNames();
        assertThat(ssn.method()).isEqualTo(StandbyNames.Method.FIRST);
        assertThat(ssn.count()).isEqualTo(1);
        assertThat(c.sync().writesBlocked()).isFalse();
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void failoverPreChecksAcceptOnlyTheSyncStandby() {
        ClusterSnapshot c = awaitSyncShown();
        String syncStandby = c.sync().standbys().get(0);

        CheckMatrix matrix = service.check(c.source(), c.scope(), OperationKind.FAILOVER, null);

        List<CandidateChecks> rows = matrix.rows();
        assertThat(rows).hasSize(2);
        for (CandidateChecks row : rows) {
            CheckResult sync = row.result(CheckId.SYNCHRONOUS).orElseThrow();
            if (row.candidate().equals(syncStandby)) {
                assertThat(sync.verdict()).as(sync.reason()).isEqualTo(Verdict.PASS);
                assertThat(sync.reason()).contains("synchronous standby");
            } else {
                assertThat(sync.verdict()).as(sync.reason()).isEqualTo(Verdict.FAIL);
                assertThat(sync.reason()).contains("not a synchronous standby").contains(syncStandby);
                assertThat(row.eligible()).isFalse();
            }
        }
    }
}
