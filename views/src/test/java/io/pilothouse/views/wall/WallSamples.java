package io.pilothouse.views.wall;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertRule;
import io.pilothouse.services.alerts.AlertSeverity;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.model.SyncMode;
import io.pilothouse.services.model.SyncReplication;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A built estate for the wall's tests: one cluster in each state, then healthy ones up to the size asked. */
final class WallSamples {

    static final Instant NOW = Instant.parse("2026-12-07T03:41:07Z");
    static final String SOURCE = "etcd-prod";

    private WallSamples() {
    }

    /** {@code size} clusters (at least 6): the special ones first, then {@code fleet-NNN}, healthy. */
    static EstateSnapshot estate(int size) {
        List<ClusterSnapshot> clusters = new ArrayList<>();
        clusters.add(cluster("billing-prod", null, 3, 0, live(2)));
        clusters.add(cluster("orders-prod", "pg-orders-1", 3, 0, live(1)));
        clusters.add(cluster("reporting", "rep-1", 3, 0, stale(47)));
        clusters.add(cluster("analytics-eu-west-warehouse", "an-1", 4, 96L << 20, live(3)));
        clusters.add(quorum(cluster("payments-prod", "pay-1", 3, 0, live(1))));
        clusters.add(cluster("inventory-34-replicas", "inv-00", 35, 0, live(2)));
        for (int i = clusters.size(); i < size; i++) {
            clusters.add(cluster(String.format("fleet-%03d", i), String.format("fleet-%03d-a", i), 3, 0, live(1)));
        }
        return new EstateSnapshot("Production EU", false, clusters, 7, NOW);
    }

    /** A critical alert on orders-prod (a replica not streaming), a warning on payments-prod. */
    static ActiveAlerts alerts() {
        return new ActiveAlerts(List.of(
                alert("orders-prod", AlertSeverity.CRITICAL, AlertRule.REPLICA_NOT_STREAMING, "pg-orders-3"),
                alert("payments-prod", AlertSeverity.WARNING, AlertRule.CONNECTIONS_HIGH, "pay-1")), 3, NOW);
    }

    static Alert alert(String cluster, AlertSeverity severity, AlertRule rule, String member) {
        return new Alert(SOURCE + "/" + cluster + "/" + rule + "/" + member, severity, rule, SOURCE, cluster, member,
                rule + " on " + member, NOW.minusSeconds(60));
    }

    /** A cluster whose first member leads (when {@code leader} is not null) and whose last replica lags. */
    static ClusterSnapshot cluster(String scope, String leader, int members, long lastLag,
                                   Map<SourceKind, SourceStatus> sources) {
        String prefix = leader == null ? scope.substring(0, 3) + "-" : leader.substring(0, leader.lastIndexOf('-') + 1);
        List<Member> list = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String name = leader != null && i == 0 ? leader : prefix + (members > 9 ? String.format("%02d", i) : i + 1);
            boolean leads = leader != null && i == 0;
            list.add(Member.builder(name).role(leads ? MemberRole.LEADER : MemberRole.REPLICA)
                    .state(leads ? MemberState.RUNNING : leader == null && i == 0 ? MemberState.STOPPED
                            : MemberState.STREAMING)
                    .host("10.0.0." + (i + 1)).port(5432).freshness(Freshness.LIVE)
                    .sqlLagBytes(leads ? null : i == members - 1 ? lastLag : 0L).build());
        }
        return ClusterSnapshot.builder(SOURCE, scope).leader(leader).timeline(3).maximumLagOnFailover(16L << 20)
                .members(list).sources(sources).observedAt(NOW).build();
    }

    static ClusterSnapshot quorum(ClusterSnapshot c) {
        return c.toBuilder().sync(new SyncReplication(SyncMode.QUORUM, false, 1,
                c.members().stream().skip(1).map(Member::name).toList(), 1, null, false)).build();
    }

    static Map<SourceKind, SourceStatus> live(int secondsOld) {
        return Map.of(SourceKind.ETCD, new SourceStatus(SourceKind.ETCD, Freshness.LIVE,
                NOW.minusSeconds(secondsOld), null));
    }

    static Map<SourceKind, SourceStatus> stale(int secondsOld) {
        return Map.of(SourceKind.ETCD, new SourceStatus(SourceKind.ETCD, Freshness.UNREACHABLE,
                NOW.minusSeconds(secondsOld), "connection refused"),
                SourceKind.PATRONI_REST, new SourceStatus(SourceKind.PATRONI_REST, Freshness.UNREACHABLE,
                        NOW.minusSeconds(secondsOld), "connection refused"));
    }
}
