package io.pilothouse.services.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The active alerts of a whole estate at one moment. Immutable. A class rather than a record only to carry an index
 * by cluster: the window's tree asks {@link #forCluster} for each of its clusters on every frame, which scanned every
 * alert per cluster (500 clusters with 1,500 unreachable members: a quarter of the idle CPU).
 */
public final class ActiveAlerts {

    /** No alerts, before the first evaluation. */
    public static final ActiveAlerts NONE = new ActiveAlerts(List.of(), 0, Instant.EPOCH);

    private final List<Alert> alerts;
    private final long version;
    private final Instant evaluatedAt;
    private final Map<String, List<Alert>> byCluster;

    /**
     * @param alerts      active alerts, most severe first, then oldest first
     * @param version     increases with every evaluation that changed the list (or its messages)
     * @param evaluatedAt when the evaluation ran
     */
    public ActiveAlerts(List<Alert> alerts, long version, Instant evaluatedAt) {
        this.alerts = alerts == null ? List.of() : alerts.stream().sorted(Alert.ORDER).toList();
        this.version = version;
        this.evaluatedAt = evaluatedAt;
        Map<String, List<Alert>> index = new HashMap<>();
        for (Alert a : this.alerts) {
            index.computeIfAbsent(key(a.source(), a.cluster()), k -> new ArrayList<>()).add(a);
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byCluster = index;
    }

    /** Active alerts, most severe first, then oldest first. */
    public List<Alert> alerts() {
        return alerts;
    }

    /** Increases with every evaluation that changed the list (or its messages). */
    public long version() {
        return version;
    }

    /** When the evaluation ran. */
    public Instant evaluatedAt() {
        return evaluatedAt;
    }

    /** Active alerts of one cluster, in {@link Alert#ORDER}. */
    public List<Alert> forCluster(String source, String scope) {
        return byCluster.getOrDefault(key(source, scope), List.of());
    }

    /** The most severe active alert of one cluster, if any. */
    public Optional<AlertSeverity> worst(String source, String scope) {
        return forCluster(source, scope).stream().map(Alert::severity).max(Enum::compareTo);
    }

    private static String key(String source, String scope) {
        return source + '\u0000' + scope;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActiveAlerts other && version == other.version && alerts.equals(other.alerts)
                && Objects.equals(evaluatedAt, other.evaluatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alerts, version, evaluatedAt);
    }

    @Override
    public String toString() {
        return "ActiveAlerts[alerts=" + alerts + ", version=" + version + ", evaluatedAt=" + evaluatedAt + "]";
    }
}
