package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.ReportedLag;
import io.pilothouse.services.model.ScheduledSwitchover;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.patroni.PatroniNodeStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pre-check rules on hand-made facts: one condition changed at a time from a healthy three-member cluster. */
class PreChecksTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final long LEADER_LSN = 100_000_000L;
    private static final Map<String, Long> SETTINGS = Map.of("max_connections", 100L, "max_prepared_transactions",
            20L, "max_worker_processes", 8L, "max_locks_per_transaction", 64L, "max_wal_senders", 10L);

    private Member.Builder leader = Member.builder("node1").role(MemberRole.LEADER).state(MemberState.RUNNING)
            .timeline(3).freshness(Freshness.LIVE).patroniVersion("3.0.2").host("h1").port(5432);
    private Member.Builder node2 = replica("node2");
    private Member.Builder node3 = replica("node3");
    private boolean paused;
    private ScheduledSwitchover scheduled;
    private Freshness etcd = Freshness.LIVE;
    private DynamicConfig config = new DynamicConfig(false, false, 1_048_576L);
    private final Map<String, NodeFacts> nodes = new HashMap<>();
    private PrimaryFacts primary = new PrimaryFacts(LEADER_LSN, 0, null, List.of(), 0, List.of(), null);

    PreChecksTest() {
        for (String n : List.of("node1", "node2", "node3")) {
            nodes.put(n, new NodeFacts(n, status(n, LEADER_LSN, LEADER_LSN, Map.of()), null, SETTINGS, null));
        }
    }

    private static Member.Builder replica(String name) {
        return Member.builder(name).role(MemberRole.REPLICA).state(MemberState.RUNNING).timeline(3)
                .freshness(Freshness.LIVE).patroniVersion("3.0.2").replicationState("streaming").syncState("async")
                .upstream("node1").sqlLagBytes(0L).sqlLagSeconds(0.0).host("h").port(5433);
    }

    private static PatroniNodeStatus status(String name, long replayed, long received, Map<String, String> tags) {
        return new PatroniNodeStatus(name, "demo", "3.0.2", name.equals("node1") ? MemberRole.LEADER
                : MemberRole.REPLICA, MemberState.RUNNING, 150018, 3, false, false, replayed, received, false,
                null, tags, List.of());
    }

    private CheckMatrix matrix(OperationKind kind, Instant at) {
        ClusterSnapshot c = ClusterSnapshot.builder("src", "demo").leader(leader == null ? null : "node1").timeline(3)
                .paused(paused).scheduledSwitchover(scheduled).leaderLeaseSecondsLeft(10L).ttlSeconds(20L)
                .members(leader == null ? List.of(node2.build(), node3.build())
                        : List.of(leader.build(), node2.build(), node3.build()))
                .sources(Map.of(SourceKind.ETCD, new SourceStatus(SourceKind.ETCD, etcd, NOW, null))).observedAt(NOW)
                .build();
        return PreChecks.evaluate(new ClusterFacts(c, config, null, nodes, primary, NOW), kind, at);
    }

    private CheckResult result(String candidate, CheckId id) {
        return matrix(OperationKind.SWITCHOVER, null).row(candidate).orElseThrow().result(id).orElseThrow();
    }

    @Test
    void healthyClusterHasEveryReplicaEligibleWithoutWarnings() {
        CheckMatrix m = matrix(OperationKind.SWITCHOVER, null);
        assertThat(m.rows()).extracting(CandidateChecks::candidate).containsExactly("node2", "node3");
        assertThat(m.rows()).allSatisfy(r -> assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS));
    }

    @Test
    void nofailoverTagFailsOnlyThatCandidate() {
        node2.tags(Map.of("nofailover", "true"));
        CheckMatrix m = matrix(OperationKind.SWITCHOVER, null);
        assertThat(m.eligible()).containsExactly("node3");
        assertThat(m.row("node2").orElseThrow().failures()).extracting(CheckResult::check)
                .containsExactly(CheckId.NOFAILOVER);
    }

    @Test
    void failoverPriorityZeroFails() {
        node3.tags(Map.of("failover_priority", "0"));
        assertThat(result("node3", CheckId.FAILOVER_PRIORITY).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void receivedLagOverTheLimitFailsAndReplayLagOverItWarns() {
        nodes.put("node2", new NodeFacts("node2", status("node2", LEADER_LSN - 5_000_000, LEADER_LSN - 5_000_000,
                Map.of()), null, SETTINGS, null));
        nodes.put("node3", new NodeFacts("node3", status("node3", LEADER_LSN - 5_000_000, LEADER_LSN, Map.of()),
                null, SETTINGS, null));
        assertThat(result("node2", CheckId.LAG_BYTES).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result("node2", CheckId.LAG_BYTES).reason()).startsWith("4.8 MiB behind, limit 1.0 MiB");
        assertThat(result("node3", CheckId.LAG_BYTES).verdict()).isEqualTo(Verdict.WARN);
        assertThat(result("node3", CheckId.LAG_BYTES).reason()).contains("replay is 4.8 MiB behind");
    }

    @Test
    void otherTimelineFails() {
        node2.timeline(2);
        nodes.put("node2", new NodeFacts("node2", new PatroniNodeStatus("node2", "demo", "3.0.2", MemberRole.REPLICA,
                MemberState.RUNNING, 150018, 2, false, false, LEADER_LSN, LEADER_LSN, false, null, Map.of(),
                List.of()), null, SETTINGS, null));
        assertThat(result("node2", CheckId.TIMELINE).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void synchronousModeAllowsOnlyTheSyncStandby() {
        config = new DynamicConfig(true, false, 1_048_576L);
        node2.role(MemberRole.SYNC_STANDBY).syncState("sync");
        CheckMatrix m = matrix(OperationKind.SWITCHOVER, null);
        assertThat(m.eligible()).containsExactly("node2");
        assertThat(m.row("node3").orElseThrow().result(CheckId.SYNCHRONOUS).orElseThrow().reason())
                .contains("not a synchronous standby");
    }

    @Test
    void asynchronousFailoverWarnsWithTheBytesThatWouldBeLost() {
        leader = null;
        primary = PrimaryFacts.unreadable("there is no leader");
        node2.sqlLagBytes(null).patroniLag(new ReportedLag(4096L, false));
        CheckResult r = matrix(OperationKind.FAILOVER, null).row("node2").orElseThrow()
                .result(CheckId.SYNCHRONOUS).orElseThrow();
        assertThat(r.verdict()).isEqualTo(Verdict.WARN);
        assertThat(r.reason()).isEqualTo("asynchronous: 4.0 KiB would be lost if promoted now");
    }

    @Test
    void switchoverWithoutALeaderFailsAndFailoverWithAHealthyLeaderWarns() {
        assertThat(matrix(OperationKind.FAILOVER, null).rows().get(0).result(CheckId.LEADER_PRESENT).orElseThrow()
                .verdict()).isEqualTo(Verdict.WARN);
        leader = null;
        assertThat(matrix(OperationKind.SWITCHOVER, null).eligible()).isEmpty();
    }

    @Test
    void pausedClusterWarnsNowAndFailsWhenScheduled() {
        paused = true;
        assertThat(result("node2", CheckId.PAUSED).verdict()).isEqualTo(Verdict.WARN);
        assertThat(matrix(OperationKind.SWITCHOVER, NOW.plusSeconds(60)).eligible()).isEmpty();
    }

    @Test
    void alreadyScheduledSwitchoverFails() {
        scheduled = new ScheduledSwitchover("2026-11-21T12:00:00Z", "node1", "node3");
        assertThat(result("node2", CheckId.SCHEDULED).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void lowerStandbySettingFailsWithTheFigures() {
        Map<String, Long> lower = new HashMap<>(SETTINGS);
        lower.put("max_connections", 50L);
        nodes.put("node3", new NodeFacts("node3", status("node3", LEADER_LSN, LEADER_LSN, Map.of()), null, lower,
                null));
        assertThat(result("node3", CheckId.SETTINGS).reason()).contains("max_connections 50 < 100");
        assertThat(result("node3", CheckId.SETTINGS).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void leaderActivityWarns() {
        primary = new PrimaryFacts(LEADER_LSN, 2, 75.0, List.of(new PrimaryFacts.LongTransaction(42, "app", "shop",
                300, "idle in transaction")), 1, List.of(new PrimaryFacts.LogicalSlotLag("cdc", false, 0L)), null);
        CandidateChecks row = matrix(OperationKind.SWITCHOVER, null).row("node2").orElseThrow();
        assertThat(row.warnings()).extracting(CheckResult::check).containsExactly(CheckId.PREPARED_XACTS,
                CheckId.LONG_TRANSACTIONS, CheckId.BASE_BACKUPS, CheckId.LOGICAL_SLOTS);
        assertThat(row.eligible()).isTrue();
    }

    @Test
    void etcdDownAndUnreachableRestFail() {
        etcd = Freshness.UNREACHABLE;
        nodes.put("node2", new NodeFacts("node2", null, "refused", SETTINGS, null));
        CandidateChecks row = matrix(OperationKind.SWITCHOVER, null).row("node2").orElseThrow();
        assertThat(row.failures()).extracting(CheckResult::check).contains(CheckId.ETCD, CheckId.REST_REACHABLE);
    }

    @Test
    void patroniVersionSkewWarns() {
        node3.patroniVersion("3.3.0");
        assertThat(result("node2", CheckId.VERSION_SKEW).verdict()).isEqualTo(Verdict.WARN);
    }
}
