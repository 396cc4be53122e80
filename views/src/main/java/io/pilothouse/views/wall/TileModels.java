package io.pilothouse.views.wall;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertRule;
import io.pilothouse.services.alerts.AlertSeverity;
import io.pilothouse.services.alerts.AlertThresholds;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.model.SyncReplication;
import io.pilothouse.views.format.ByteSizeFormat;
import io.pilothouse.views.format.DurationFormat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the live model into tiles, worst first. No JavaFX state; the same input gives the same tiles. A cluster whose
 * snapshot (the same immutable object), alerts and second are those of the last call keeps its tile model, so the
 * work per frame follows what changed (and, once a second, the ages). Not thread-safe: one caller (the wall's frame).
 */
public final class TileModels {

    /** Worst state first, then more alerts, then lag not known, then more lag, then by name. */
    public static final Comparator<TileModel> WORST_FIRST = Comparator.comparing(TileModel::state)
            .thenComparing(Comparator.comparingInt(TileModel::alerts).reversed())
            .thenComparing(TileModel::lagUnknown, Comparator.reverseOrder())
            .thenComparing(Comparator.comparingLong(TileModel::worstLagBytes).reversed())
            .thenComparing(TileModel::name);

    private final AlertThresholds thresholds;
    private Map<String, Reused> last = Map.of();

    /** A tile model and what it was made from. */
    private record Reused(ClusterSnapshot cluster, String name, List<Alert> alerts, long second, TileModel tile) {
    }

    /** @param thresholds the workspace's alert thresholds (the lag limit per cluster comes from them) */
    public TileModels(AlertThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** Every cluster of {@code estate} as a tile, worst first, with data ages taken at {@code now}. */
    public List<TileModel> of(EstateSnapshot estate, ActiveAlerts alerts, Instant now) {
        Map<String, List<Alert>> byCluster = new HashMap<>();
        for (Alert a : alerts.alerts()) {
            byCluster.computeIfAbsent(a.source() + "/" + a.cluster(), k -> new ArrayList<>()).add(a);
        }
        Set<String> seen = new HashSet<>();
        Set<String> shared = new HashSet<>();
        for (ClusterSnapshot c : estate.clusters()) {
            if (!seen.add(c.scope())) {
                shared.add(c.scope());
            }
        }
        List<TileModel> tiles = new ArrayList<>(estate.clusters().size());
        Map<String, Reused> made = new HashMap<>(estate.clusters().size() * 2);
        long second = now.getEpochSecond();
        for (ClusterSnapshot c : estate.clusters()) {
            String key = c.source() + "/" + c.scope();
            String name = shared.contains(c.scope()) ? key : c.scope();
            List<Alert> open = byCluster.getOrDefault(key, List.of());
            Reused before = last.get(key);
            TileModel tile = before != null && before.cluster() == c && before.second() == second
                    && before.name().equals(name) && before.alerts().equals(open) ? before.tile() : of(c, name, open, now);
            made.put(key, new Reused(c, name, open, second, tile));
            tiles.add(tile);
        }
        last = made;
        tiles.sort(WORST_FIRST);
        return tiles;
    }

    /** One cluster's tile, shown as {@code name}, with its active {@code alerts}. */
    public TileModel of(ClusterSnapshot c, String name, List<Alert> alerts, Instant now) {
        long lagLimit = thresholds.lagBytesFor(c.maximumLagOnFailover());
        long worstLag = -1;
        boolean lagUnknown = false;
        int replicas = 0;
        List<MarkState> marks = new ArrayList<>(c.members().size());
        List<String> names = new ArrayList<>(c.members().size());
        for (Member m : c.members()) {
            marks.add(MarkState.of(m, lagLimit));
            names.add(m.name());
            if (!m.role().isLeaderLike()) {
                replicas++;
                Long lag = lagBytes(m);
                if (lag == null) {
                    lagUnknown = true;
                } else {
                    worstLag = Math.max(worstLag, lag);
                }
            }
        }
        boolean stale = c.topologyFreshness() != Freshness.LIVE;
        TileState state = state(c, stale, alerts, worstLag > lagLimit, marks.contains(MarkState.DOWN));
        // A replica whose lag is not known makes the figure a floor at best ("lag ≥ 12.0 MiB"), never a quiet 0 B.
        String lag = replicas == 0 ? "no replicas" : worstLag <= 0 && lagUnknown ? "lag ?" : worstLag < 0 ? "lag ?"
                : (lagUnknown ? "lag ≥ " : "lag ") + ByteSizeFormat.format(worstLag);
        return new TileModel(c.source() + "/" + c.scope(), name, state,
                c.leader() == null ? "no leader" : "leader " + c.leader(), marks, names, lag, sync(c.sync()),
                alerts.size(), age(lastRead(c), now, stale) + (etcdOnly(c) ? " · etcd only" : ""), stale, worstLag,
                lagUnknown);
    }

    private static TileState state(ClusterSnapshot c, boolean stale, List<Alert> alerts, boolean lagging,
                                   boolean memberDown) {
        if (stale) {
            // A frozen feed vouches for nothing: neither a leader nor its absence.
            return TileState.STALE;
        }
        if (c.leader() == null) {
            return TileState.NO_LEADER;
        }
        if (alerts.stream().anyMatch(a -> a.severity() == AlertSeverity.CRITICAL)) {
            return TileState.CRITICAL;
        }
        if (lagging || alerts.stream().anyMatch(a -> a.rule() == AlertRule.REPLICA_LAG)) {
            return TileState.LAGGING;
        }
        // A member down is never healthy, even before its alert's grace period has run out.
        return alerts.isEmpty() && !memberDown ? TileState.HEALTHY : TileState.WARNING;
    }

    /** A replica's lag in bytes: SQL's figure, else Patroni's, else null. */
    static Long lagBytes(Member m) {
        if (m.sqlLagBytes() != null) {
            return m.sqlLagBytes();
        }
        return m.patroniLag().known() ? m.patroniLag().bytes() : null;
    }

    /** Short words for the synchronous rule: {@code async}, {@code sync: node2}, {@code ANY 1 of 3} (quorum). */
    static String sync(SyncReplication s) {
        if (s.writesBlocked()) {
            return "WRITES BLOCKED";
        }
        String strict = s.strict() ? " strict" : "";
        switch (s.mode()) {
            case SYNC:
                return s.standbys().isEmpty() ? "sync: none" + strict
                        : s.standbys().size() == 1 ? "sync: " + s.standbys().get(0) + strict
                        : "sync ×" + s.standbys().size() + strict;
            case QUORUM:
                if (s.standbys().isEmpty()) {
                    return "quorum: none" + strict;
                }
                Integer k = s.required();
                return "ANY " + (k == null ? "?" : k) + " of " + s.standbys().size() + strict;
            case UNKNOWN:
                return "sync ?";
            default:
                return "async";
        }
    }

    /** When a topology source (etcd, Patroni REST, or PostgreSQL for a plain cluster) last answered. */
    static Instant lastRead(ClusterSnapshot c) {
        Instant last = null;
        for (SourceKind kind : List.of(SourceKind.ETCD, SourceKind.PATRONI_REST, SourceKind.POSTGRES)) {
            SourceStatus s = c.sources().get(kind);
            if (s != null && s.lastSuccess() != null && (last == null || s.lastSuccess().isAfter(last))) {
                last = s.lastSuccess();
            }
        }
        return last;
    }

    /**
     * True when no member's REST or SQL answered (all tried and unreachable): what the tile shows is only what
     * Patroni wrote to etcd, and it says so rather than vouch for the servers.
     */
    static boolean etcdOnly(ClusterSnapshot c) {
        return !c.members().isEmpty() && c.members().stream().allMatch(m -> m.freshness() == Freshness.UNREACHABLE);
    }

    private static String age(Instant last, Instant now, boolean stale) {
        if (last == null) {
            return "no data yet";
        }
        String age = DurationFormat.age(Duration.between(last, now));
        return stale ? "no data for " + age : age + " old";
    }
}
