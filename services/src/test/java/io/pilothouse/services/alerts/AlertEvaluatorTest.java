package io.pilothouse.services.alerts;

import io.pilothouse.services.model.ArchiverStatus;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.NodeSlots;
import io.pilothouse.services.model.ReplicationSlot;
import io.pilothouse.services.model.ReportedLag;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.testing.HandClock;
import io.pilothouse.services.workspace.AlertsConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AlertEvaluatorTest {

    static final Instant T0 = Instant.parse("2026-11-21T06:00:00Z");

    private final HandClock clock = new HandClock(T0);
    private final AlertEvaluator evaluator = new AlertEvaluator(AlertThresholds.DEFAULTS, clock);

    static Member.Builder leader() {
        return Member.builder("node1").role(MemberRole.LEADER).state(MemberState.RUNNING).host("h").port(5432)
                .freshness(Freshness.LIVE);
    }

    static Member.Builder replica(String name) {
        return Member.builder(name).role(MemberRole.REPLICA).state(MemberState.STREAMING).host("h").port(5433)
                .upstream("node1").replicationState("streaming").sqlLagBytes(0L).sqlLagSeconds(0.0)
                .freshness(Freshness.LIVE);
    }

    static ClusterSnapshot cluster(String leader, List<Member> members, Long lease, List<NodeSlots> slots) {
        Map<SourceKind, SourceStatus> sources = Map.of(
                SourceKind.ETCD, new SourceStatus(SourceKind.ETCD, Freshness.LIVE, T0, null),
                SourceKind.POSTGRES, new SourceStatus(SourceKind.POSTGRES, Freshness.LIVE, T0, null));
        return ClusterSnapshot.builder("etcd", "demo").leader(leader).timeline(1).leaderLeaseSecondsLeft(lease)
                .ttlSeconds(30L).maximumLagOnFailover(1048576L).members(members).sources(sources).observedAt(T0)
                .slots(slots).build();
    }

    static ClusterSnapshot healthy() {
        return cluster("node1", List.of(leader().build(), replica("node2").build()), 25L, List.of());
    }

    static ReplicationSlot slot(String name, boolean active, long retained) {
        return new ReplicationSlot(name, "physical", null, null, false, active, active ? 42 : null, "reserved",
                null, "0/3000000", null, retained, active ? null : T0, Set.of());
    }

    static NodeSlots primarySlots(ReplicationSlot... slots) {
        return new NodeSlots("node1", false, "0/9000000", List.of(slots), null, T0);
    }

    private AlertEvaluator.Evaluation eval(ClusterSnapshot c) {
        return evaluator.evaluate(List.of(c));
    }

    @Test
    void aHealthyClusterHasNoAlerts() {
        assertThat(eval(healthy()).active()).isEmpty();
    }

    @Test
    void lagAlertsOnlyAfterItHasLastedTheGracePeriodAndClearsAtOnce() {
        ClusterSnapshot lagging = cluster("node1", List.of(leader().build(),
                replica("node2").sqlLagBytes(5L << 20).build()), 25L, List.of());
        // Above maximum_lag_on_failover (1 MiB, the default threshold) but not yet for 30 s.
        AlertEvaluator.Evaluation first = eval(lagging);
        assertThat(first.active()).isEmpty();
        assertThat(first.events()).isEmpty();
        clock.advanceSeconds(29);
        assertThat(eval(lagging).active()).isEmpty();
        clock.advanceSeconds(1);
        AlertEvaluator.Evaluation raised = eval(lagging);
        assertThat(raised.active()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRule.REPLICA_LAG);
            assertThat(a.severity()).isEqualTo(AlertSeverity.WARNING);
            assertThat(a.member()).isEqualTo("node2");
            assertThat(a.cluster()).isEqualTo("demo");
            assertThat(a.since()).isEqualTo(T0);
            assertThat(a.message()).contains("5.0 MiB").contains("1.0 MiB");
        });
        assertThat(raised.events()).singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo(AlertEvent.Type.ALERT_RAISED));
        clock.advanceSeconds(5);
        assertThat(eval(lagging).events()).as("no second raise while it lasts").isEmpty();

        clock.advanceSeconds(1);
        AlertEvaluator.Evaluation cleared = eval(healthy());
        assertThat(cleared.active()).isEmpty();
        assertThat(cleared.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AlertEvent.Type.ALERT_CLEARED);
            assertThat(e.alert().id()).isEqualTo(raised.active().get(0).id());
        });
    }

    @Test
    void anEvaluationThatChangesNothingHandsBackTheSameListAndANewMessageANewOne() {
        ClusterSnapshot lagging = cluster("node1", List.of(leader().build(),
                replica("node2").sqlLagBytes(5L << 20).build()), 25L, List.of());
        eval(lagging);
        clock.advanceSeconds(30);
        List<Alert> raised = eval(lagging).active();
        clock.advanceSeconds(1);
        List<Alert> again = eval(lagging).active();
        ClusterSnapshot moreLag = cluster("node1", List.of(leader().build(),
                replica("node2").sqlLagBytes(9L << 20).build()), 25L, List.of());
        clock.advanceSeconds(1);
        List<Alert> worse = eval(moreLag).active();

        assertThat(again).as("nothing changed: the list of the evaluation before").isSameAs(raised);
        assertThat(worse).isNotSameAs(raised);
        assertThat(worse).singleElement().satisfies(a -> {
            assertThat(a.message()).contains("9.0 MiB");
            assertThat(a.since()).isEqualTo(T0);
        });
    }

    @Test
    void lagThatDipsBelowTheThresholdStartsTheGracePeriodAgain() {
        ClusterSnapshot lagging = cluster("node1", List.of(leader().build(),
                replica("node2").sqlLagSeconds(45.0).build()), 25L, List.of());
        eval(lagging);
        clock.advanceSeconds(20);
        eval(healthy());
        clock.advanceSeconds(1);
        eval(lagging);
        clock.advanceSeconds(20);
        assertThat(eval(lagging).active()).as("only 20 s since it came back").isEmpty();
        clock.advanceSeconds(10);
        assertThat(eval(lagging).active()).singleElement()
                .satisfies(a -> assertThat(a.message()).contains("45 s").contains("30 s"));
    }

    @Test
    void lagInBytesUsesTheWorkspaceThresholdOverMaximumLagOnFailover() {
        AlertEvaluator custom = new AlertEvaluator(AlertThresholds.of(
                new AlertsConfig(10L << 20, null, 0L, null, null, null, null, null, null, null)), clock);
        ClusterSnapshot fiveMiB = cluster("node1", List.of(leader().build(),
                replica("node2").sqlLagBytes(5L << 20).build()), 25L, List.of());
        assertThat(custom.evaluate(List.of(fiveMiB)).active()).isEmpty();
        ClusterSnapshot elevenMiB = cluster("node1", List.of(leader().build(),
                replica("node2").sqlLagBytes(11L << 20).build()), 25L, List.of());
        assertThat(custom.evaluate(List.of(elevenMiB)).active()).extracting(Alert::rule)
                .containsExactly(AlertRule.REPLICA_LAG);
    }

    @Test
    void withoutSqlPatronisLagFigureIsUsed() {
        ClusterSnapshot c = cluster("node1", List.of(leader().build(), replica("node2").sqlLagBytes(null)
                .sqlLagSeconds(null).replicationState(null).patroniLag(ReportedLag.ofBytes(2L << 20)).build()),
                25L, List.of());
        eval(c);
        clock.advanceSeconds(30);
        assertThat(eval(c).active()).extracting(Alert::rule).contains(AlertRule.REPLICA_LAG);
    }

    @Test
    void aStoppedReplicaIsNotStreamingAfterTenSeconds() {
        ClusterSnapshot c = cluster("node1", List.of(leader().build(),
                replica("node2").state(MemberState.STOPPED).replicationState(null).sqlLagBytes(null).build()),
                25L, List.of());
        assertThat(eval(c).active()).isEmpty();
        clock.advanceSeconds(10);
        assertThat(eval(c).active()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRule.REPLICA_NOT_STREAMING);
            assertThat(a.severity()).isEqualTo(AlertSeverity.CRITICAL);
            assertThat(a.message()).contains("node2").contains("stopped");
        });
    }

    @Test
    void aReplicaInCatchupOrWithoutAWalsenderIsNotStreaming() {
        AlertEvaluator now = new AlertEvaluator(AlertThresholds.of(
                new AlertsConfig(null, null, null, 0L, null, null, null, null, null, null)), clock);
        ClusterSnapshot c = cluster("node1", List.of(leader().build(),
                replica("node2").replicationState("catchup").build(),
                replica("node3").replicationState(null).sqlLagBytes(null).build()), 25L, List.of());
        assertThat(now.evaluate(List.of(c)).active()).extracting(Alert::member, Alert::message)
                .anySatisfy(t -> assertThat(t.toList()).containsExactly("node2",
                        "Replica node2 is not streaming: its walsender is in state catchup"))
                .anySatisfy(t -> assertThat(t.toList().get(1).toString()).contains("node3")
                        .contains("no walsender"));
    }

    @Test
    void noLeaderAlertsAfterAFewSecondsButNotOnAFrozenFeed() {
        ClusterSnapshot none = cluster(null, List.of(replica("node2").upstream(null).build()), null, List.of());
        assertThat(eval(none).active()).isEmpty();
        clock.advanceSeconds(10);
        assertThat(eval(none).active()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRule.LEADER_MISSING);
            assertThat(a.severity()).isEqualTo(AlertSeverity.CRITICAL);
            assertThat(a.member()).isNull();
        });
        ClusterSnapshot stale = ClusterSnapshot.builder("etcd", "demo").timeline(1).ttlSeconds(30L)
                .members(none.members()).sources(Map.of(SourceKind.ETCD, new SourceStatus(SourceKind.ETCD,
                        Freshness.STALE, T0, "timeout"))).observedAt(T0).build();
        assertThat(eval(stale).active()).as("stale feed cannot vouch for a missing leader").isEmpty();
    }

    @Test
    void aLeaseBelowAThirdOfTheTtlAlertsAtOnce() {
        ClusterSnapshot c = cluster("node1", List.of(leader().build(), replica("node2").build()), 8L, List.of());
        assertThat(eval(c).active()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRule.LEADER_LEASE_EXPIRING);
            assertThat(a.member()).isEqualTo("node1");
            assertThat(a.message()).contains("8 s left of a 30 s ttl");
        });
        assertThat(eval(healthy()).active()).isEmpty();
    }

    @Test
    void aSlotRetainingMoreThanTheThresholdAlertsAtOnceAndAnInactiveOneAfterAMinute() {
        ClusterSnapshot c = cluster("node1", List.of(leader().build(), replica("node2").build()), 25L,
                List.of(primarySlots(slot("node2", true, 2L << 30), slot("ph_test", false, 1L << 20))));
        assertThat(eval(c).active()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRule.SLOT_RETAINING_WAL);
            assertThat(a.member()).isEqualTo("node1");
            assertThat(a.message()).contains("node2").contains("2.0 GiB").contains("1.0 GiB");
        });
        clock.advanceSeconds(60);
        assertThat(eval(c).active()).extracting(Alert::rule)
                .containsExactlyInAnyOrder(AlertRule.SLOT_RETAINING_WAL, AlertRule.SLOT_INACTIVE);
    }

    @Test
    void inactiveSlotsOnAStandbyAreNormal() {
        NodeSlots standby = new NodeSlots("node2", true, "0/9000000", List.of(slot("node3", false, 0)), null, T0);
        ClusterSnapshot c = cluster("node1", List.of(leader().build(), replica("node2").build()), 25L,
                List.of(standby));
        clock.advanceSeconds(3600);
        assertThat(eval(c).active()).isEmpty();
    }

    @Test
    void aFailingArchiverAlertsAndClearsOnTheNextSuccess() {
        ArchiverStatus failing = new ArchiverStatus("on", 3, "000000010000000000000002", T0.minusSeconds(60), 7,
                "000000010000000000000003", T0.minusSeconds(5), null);
        ClusterSnapshot c = cluster("node1", List.of(leader().build()), 25L,
                List.of(new NodeSlots("node1", false, "0/1", List.of(), failing, T0)));
        assertThat(eval(c).active()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRule.ARCHIVER_FAILING);
            assertThat(a.since()).isEqualTo(T0.minusSeconds(5));
            assertThat(a.message()).contains("000000010000000000000003").contains("7 failures");
        });
        ArchiverStatus recovered = new ArchiverStatus("on", 4, "000000010000000000000003", T0, 7,
                "000000010000000000000003", T0.minusSeconds(5), null);
        ClusterSnapshot ok = cluster("node1", List.of(leader().build()), 25L,
                List.of(new NodeSlots("node1", false, "0/1", List.of(), recovered, T0)));
        assertThat(eval(ok).events()).extracting(AlertEvent::type).containsExactly(AlertEvent.Type.ALERT_CLEARED);
    }

    @Test
    void connectionsAboveTheThresholdForFiveMinutesAlert() {
        ClusterSnapshot busy = cluster("node1", List.of(leader().backends(187L).build(),
                replica("node2").backends(12L).build()), 25L, List.of());
        eval(busy);
        clock.advanceSeconds(299);
        assertThat(eval(busy).active()).isEmpty();
        clock.advanceSeconds(1);
        assertThat(eval(busy).active()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRule.CONNECTIONS_HIGH);
            assertThat(a.member()).isEqualTo("node1");
            assertThat(a.message()).startsWith("187 client connections on node1, above 150");
        });
    }

    @Test
    void alertsOfAVanishedClusterAreCleared() {
        ClusterSnapshot c = cluster("node1", List.of(leader().build()), 5L, List.of());
        assertThat(eval(c).active()).hasSize(1);
        AlertEvaluator.Evaluation gone = evaluator.evaluate(List.of());
        assertThat(gone.active()).isEmpty();
        assertThat(gone.events()).extracting(AlertEvent::type).containsExactly(AlertEvent.Type.ALERT_CLEARED);
    }

    @Test
    void activeAlertsAreSortedBySeverityThenAge() {
        AlertEvaluator now = new AlertEvaluator(AlertThresholds.of(
                new AlertsConfig(null, null, 0L, 0L, null, null, null, null, null, null)), clock);
        ClusterSnapshot lag = cluster("node1", List.of(leader().build(),
                replica("node2").sqlLagBytes(9L << 20).build()), 25L, List.of());
        now.evaluate(List.of(lag));
        clock.advanceSeconds(5);
        List<Member> members = new ArrayList<>(lag.members());
        members.add(replica("node3").state(MemberState.CRASHED).build());
        ClusterSnapshot both = cluster("node1", members, 5L, List.of());
        assertThat(now.evaluate(List.of(both)).active()).extracting(Alert::rule).containsExactly(
                AlertRule.REPLICA_NOT_STREAMING, AlertRule.REPLICA_LAG, AlertRule.LEADER_LEASE_EXPIRING);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        AlertThresholds d = AlertThresholds.DEFAULTS;
        assertThat(d.lagBytesFor(null)).isEqualTo(16L << 20);
        assertThat(d.lagBytesFor(1048576L)).isEqualTo(1048576L);
        assertThat(d.lagSeconds()).isEqualTo(30.0);
        assertThat(d.lagFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.slotRetainedBytes()).isEqualTo(1L << 30);
        assertThat(d.connections()).isEqualTo(150);
        assertThat(d.connectionsFor()).isEqualTo(Duration.ofMinutes(5));
    }

    private static ClusterSnapshot withPrepared(io.pilothouse.services.model.PreparedBranch b) {
        ClusterSnapshot h = healthy();
        return ClusterSnapshot.builder(h.source(), h.scope())
                .leader(h.leader())
                .timeline(h.timeline())
                .paused(h.paused())
                .leaderLeaseSecondsLeft(h.leaderLeaseSecondsLeft())
                .ttlSeconds(h.ttlSeconds())
                .maximumLagOnFailover(h.maximumLagOnFailover())
                .members(h.members())
                .sources(h.sources())
                .observedAt(h.observedAt())
                .slots(List.of())
                .problems(List.of())
                .prepared(List.of(b))
                .build();
    }

    private static io.pilothouse.services.model.PreparedBranch branch(String gid, Instant prepared, long xidAge) {
        return new io.pilothouse.services.model.PreparedBranch(new io.pilothouse.services.model.NodeRef("etcd",
                "demo", "node1", "h", 5432), gid, "shop", "app", prepared, 1234, xidAge, 200_000_000, List.of(
                new io.pilothouse.services.model.PreparedBranch.HeldLock("relation", "RowExclusiveLock",
                        "orders")), List.of(), true);
    }

    @Test
    void aPreparedTransactionOlderThanAMinuteWarnsWithWhatItHoldsAndWhatToDo() {
        ClusterSnapshot c = withPrepared(branch("tx_001_node1", T0, 10));
        assertThat(evaluator.evaluate(List.of(c)).active()).isEmpty();
        clock.advanceSeconds(61);
        List<Alert> active = evaluator.evaluate(List.of(c)).active();
        assertThat(active).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRule.PREPARED_XACT_OLD);
            assertThat(a.severity()).isEqualTo(AlertSeverity.WARNING);
            assertThat(a.member()).isEqualTo("node1");
            assertThat(a.message()).startsWith("Prepared transaction 'tx_001_node1' on node1 (database shop, owner app)")
                    .contains("holds 1 lock(s)").contains("oldest xmin").contains("pilothouse indoubt resolve");
        });
    }

    @Test
    void aPreparedTransactionPastHalfTheFreezeMaxAgeIsCriticalAtOnceAndAHostileGidStaysOnOneLine() {
        ClusterSnapshot c = withPrepared(branch("evil\n'; DROP TABLE x; --", T0, 150_000_000));
        List<Alert> active = evaluator.evaluate(List.of(c)).active();
        assertThat(active).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRule.PREPARED_XACT_XID_AGE);
            assertThat(a.severity()).isEqualTo(AlertSeverity.CRITICAL);
            assertThat(a.message()).contains("'evil\\u000a'; DROP TABLE x; --'").doesNotContain("\n")
                    .contains("150000000 transactions old, past 50% of autovacuum_freeze_max_age (200000000)");
        });
    }
}
