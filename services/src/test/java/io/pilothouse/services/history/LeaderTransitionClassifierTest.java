package io.pilothouse.services.history;

import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterEventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.pilothouse.services.model.ClusterEventType.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Event sequences as the live model emitted them on Patroni 3.0.2 (times relative to the first event). */
class LeaderTransitionClassifierTest {

    private static final Instant T0 = Instant.parse("2026-11-21T05:40:00Z");

    private static ClusterEvent ev(long millis, ClusterEventType type, String member, String from, String to) {
        return new ClusterEvent(type, "sandbox", "demo", member, from, to, T0.plusMillis(millis));
    }

    private static List<LeaderTransition> run(ClusterEvent... events) {
        LeaderTransitionClassifier c = new LeaderTransitionClassifier();
        List<LeaderTransition> out = new ArrayList<>();
        for (ClusterEvent e : events) {
            c.accept(e).ifPresent(out::add);
        }
        return out;
    }

    @Test
    void restSwitchoverIsASwitchover() {
        List<LeaderTransition> t = run(
                ev(0, LEADER_LOST, "node1", "node1", null),
                ev(4, LEADER_ELECTED, "node2", null, "node2"),
                ev(310, STATE_CHANGED, "node1", "running", "stopping"),
                ev(320, ROLE_CHANGED, "node1", "leader", "replica"),
                ev(900, TIMELINE_CHANGED, null, "1", "2"),
                ev(1300, STATE_CHANGED, "node1", "stopped", "starting"),
                ev(2300, STATE_CHANGED, "node1", "starting", "running"));
        assertThat(t).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(HistoryKind.SWITCHOVER);
            assertThat(x.oldLeader()).isEqualTo("node1");
            assertThat(x.newLeader()).isEqualTo("node2");
            assertThat(x.reason()).contains("released the leader key");
        });
    }

    @Test
    void aDemoteSeenBeforeTheKeyWentIsASwitchoverEvenIfItsSqlWentStale() {
        List<LeaderTransition> t = run(
                ev(0, STATE_CHANGED, "node1", "running", "stopping"),
                ev(3600, MEMBER_STALE, "node1", "LIVE", "STALE"),
                ev(6000, LEADER_LOST, "node1", "node1", null),
                ev(6010, LEADER_ELECTED, "node2", null, "node2"));
        assertThat(t).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(HistoryKind.SWITCHOVER);
            assertThat(x.reason()).contains("stopped in order");
        });
    }

    @Test
    void kill9OfTheLeaderIsAFailover() {
        List<LeaderTransition> t = run(
                ev(3500, MEMBER_STALE, "node1", "LIVE", "STALE"),
                ev(6000, MEMBER_STALE, "node1", "STALE", "UNREACHABLE"),
                ev(20_100, LEADER_LOST, "node1", "node1", null),
                ev(20_150, MEMBER_LEFT, "node1", "leader", null),
                ev(21_200, LEADER_ELECTED, "node3", null, "node3"),
                ev(22_000, TIMELINE_CHANGED, null, "2", "3"));
        assertThat(t).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(HistoryKind.FAILOVER);
            assertThat(x.newLeader()).isEqualTo("node3");
            assertThat(x.reason()).contains("node1 stopped answering");
        });
    }

    @Test
    void aLeaderlessGapOfAboutTtlIsAFailoverEvenWithoutAStaleSignal() {
        List<LeaderTransition> t = run(
                ev(0, LEADER_LOST, "node1", "node1", null),
                ev(19_000, LEADER_ELECTED, "node2", null, "node2"));
        assertThat(t).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(HistoryKind.FAILOVER);
            assertThat(x.reason()).contains("no leader for 19 s");
        });
    }

    @Test
    void aCrashedPostgresOnTheLeaderIsAFailover() {
        List<LeaderTransition> t = run(
                ev(0, STATE_CHANGED, "node1", "running", "crashed"),
                ev(1000, LEADER_LOST, "node1", "node1", null),
                ev(1010, LEADER_ELECTED, "node2", null, "node2"));
        assertThat(t).extracting(LeaderTransition::kind).containsExactly(HistoryKind.FAILOVER);
    }

    @Test
    void aStaleSpellThatEndedBeforeTheChangeDoesNotCount() {
        List<LeaderTransition> t = run(
                ev(0, MEMBER_STALE, "node1", "LIVE", "STALE"),
                ev(2000, MEMBER_FRESH, "node1", "STALE", "LIVE"),
                ev(60_000, LEADER_LOST, "node1", "node1", null),
                ev(60_005, LEADER_ELECTED, "node2", null, "node2"));
        assertThat(t).extracting(LeaderTransition::kind).containsExactly(HistoryKind.SWITCHOVER);
    }

    @Test
    void aRestartOfTheLeaderLongBeforeAKillIsNotTakenForADemote() {
        List<LeaderTransition> t = run(
                ev(0, STATE_CHANGED, "node1", "running", "restarting"),
                ev(2000, STATE_CHANGED, "node1", "restarting", "running"),
                ev(5000, MEMBER_STALE, "node1", "LIVE", "UNREACHABLE"),
                ev(24_000, LEADER_LOST, "node1", "node1", null),
                ev(24_500, LEADER_ELECTED, "node2", null, "node2"));
        assertThat(t).extracting(LeaderTransition::kind).containsExactly(HistoryKind.FAILOVER);
    }

    @Test
    void aDirectLeaderChangeIsClassifiedByTheOldLeadersHealth() {
        assertThat(run(ev(0, LEADER_CHANGED, "node2", "node1", "node2")))
                .extracting(LeaderTransition::kind).containsExactly(HistoryKind.SWITCHOVER);
        assertThat(run(ev(0, MEMBER_LEFT, "node1", "leader", null), ev(10, LEADER_CHANGED, "node2", "node1", "node2")))
                .extracting(LeaderTransition::kind).containsExactly(HistoryKind.FAILOVER);
    }

    @Test
    void theSameLeaderRetakingItsKeyOrAFirstElectionIsNoTransition() {
        assertThat(run(ev(0, LEADER_ELECTED, "node1", null, "node1"))).isEmpty();
        assertThat(run(ev(0, LEADER_LOST, "node1", "node1", null), ev(30_000, LEADER_ELECTED, "node1", null, "node1")))
                .isEmpty();
    }
}
