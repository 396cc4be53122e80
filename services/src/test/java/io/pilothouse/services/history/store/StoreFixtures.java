package io.pilothouse.services.history.store;

import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertEvent;
import io.pilothouse.services.alerts.AlertRule;
import io.pilothouse.services.alerts.AlertSeverity;
import io.pilothouse.services.metrics.LagMetric;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterEventType;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.model.SyncReplication;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Snapshots, events and lag rows for store tests. */
final class StoreFixtures {

    private StoreFixtures() {
    }

    static EstateSnapshot estate(String leader, Instant at) {
        List<Member> members = List.of("node1", "node2", "node3").stream().map(n -> Member.builder(n)
                .role(n.equals(leader) ? MemberRole.LEADER : MemberRole.REPLICA).state(MemberState.RUNNING)
                .host("127.0.0.1").port(5432 + n.charAt(4)).apiUrl("http://127.0.0.1:8008/patroni").timeline(3)
                .tags(Map.of("nofailover", "false")).upstream(n.equals(leader) ? null : leader)
                .freshness(Freshness.LIVE).lastSeen(at).sqlLagBytes(n.equals(leader) ? null : 0L).build()).toList();
        ClusterSnapshot c = ClusterSnapshot.builder("demo", "demo").leader(leader).timeline(3).members(members)
                .sources(Map.of(SourceKind.ETCD, new SourceStatus(SourceKind.ETCD, Freshness.LIVE, at, null)))
                .observedAt(at).sync(SyncReplication.ASYNC).problems(List.of()).build();
        return new EstateSnapshot("ws", false, List.of(c), 7, at);
    }

    static ClusterEvent leaderChanged(String from, String to, Instant at) {
        return new ClusterEvent(ClusterEventType.LEADER_CHANGED, "demo", "demo", null, from, to, at);
    }

    static AlertEvent alert(AlertEvent.Type type, Instant at) {
        return new AlertEvent(type, new Alert("replica-lag/demo/demo/node3", AlertSeverity.WARNING,
                AlertRule.REPLICA_LAG, "demo", "demo", "node3", "replay lag 9 MB above 8 MB", at.minusSeconds(30)), at);
    }

    static HistoryRecord.Lag lag(long second, String member, double replayBytes) {
        double[] v = new double[LagMetric.values().length];
        Arrays.fill(v, Double.NaN);
        v[LagMetric.REPLAY_BYTES.ordinal()] = replayBytes;
        v[LagMetric.REPLICA_REPLAY_DELAY_SECONDS.ordinal()] = replayBytes / 1e6;
        return new HistoryRecord.Lag(second, "demo / demo", member, v);
    }
}
