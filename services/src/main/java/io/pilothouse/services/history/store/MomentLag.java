package io.pilothouse.services.history.store;

import io.pilothouse.services.metrics.LagHistory;
import io.pilothouse.services.metrics.LagMetric;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Member;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Puts a second's stored lag onto the members of the snapshot taken at or before it. */
final class MomentLag {

    private MomentLag() {
    }

    static EstateSnapshot overlay(EstateSnapshot snapshot, List<StoredLag> lag, Instant at) {
        Map<String, StoredLag> byMember = new HashMap<>();
        for (StoredLag l : lag) {
            byMember.put(l.cluster() + '\u0000' + l.member(), l);
        }
        List<ClusterSnapshot> clusters = snapshot.clusters().stream().map(c -> {
            String id = LagHistory.clusterId(c);
            List<Member> members = c.members().stream().map(m -> {
                StoredLag l = byMember.get(id + '\u0000' + m.name());
                return l == null ? m : withLag(m, l.values());
            }).toList();
            return new ClusterSnapshot(c.source(), c.scope(), c.leader(), c.timeline(), c.paused(),
                    c.scheduledSwitchover(), c.leaderLeaseSecondsLeft(), c.ttlSeconds(), c.maximumLagOnFailover(),
                    members, c.sources(), c.observedAt(), c.slots(), c.problems(), c.prepared(), c.sync(),
                    c.consistency());
        }).toList();
        // The version is the epoch second: every scrubbed second is a new snapshot to the views, and a live version
        // (a count of publishes since the session began) would need ~1.8 billion changes to meet one, so returning
        // to live redraws too.
        return new EstateSnapshot(snapshot.workspaceName(), snapshot.readOnly(), clusters, at.getEpochSecond(), at);
    }

    private static Member withLag(Member m, double[] v) {
        double bytes = v[LagMetric.REPLAY_BYTES.ordinal()];
        double seconds = v[LagMetric.REPLICA_REPLAY_DELAY_SECONDS.ordinal()];
        return new Member(m.name(), m.role(), m.state(), m.host(), m.port(), m.apiUrl(), m.timeline(), m.tags(),
                m.pendingRestart(), m.upstream(), m.patroniLag(), Double.isNaN(bytes) ? m.sqlLagBytes()
                : (Long) Math.round(bytes), Double.isNaN(seconds) ? m.sqlLagSeconds() : (Double) seconds,
                m.syncState(), m.replicationState(), m.postgresVersion(), m.patroniVersion(), m.freshness(),
                m.lastSeen(), m.backends(), m.patroniPositions());
    }
}
