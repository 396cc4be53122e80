package io.pilothouse.services.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The active alerts of a whole estate at one moment. Immutable.
 *
 * @param alerts      active alerts, most severe first, then oldest first
 * @param version     increases with every evaluation that changed the list (or its messages)
 * @param evaluatedAt when the evaluation ran
 */
public record ActiveAlerts(List<Alert> alerts, long version, Instant evaluatedAt) {

    /** No alerts, before the first evaluation. */
    public static final ActiveAlerts NONE = new ActiveAlerts(List.of(), 0, Instant.EPOCH);

    public ActiveAlerts {
        alerts = alerts == null ? List.of() : alerts.stream().sorted(Alert.ORDER).toList();
    }

    /** Active alerts of one cluster, in {@link Alert#ORDER}. */
    public List<Alert> forCluster(String source, String scope) {
        return alerts.stream().filter(a -> a.source().equals(source) && a.cluster().equals(scope)).toList();
    }

    /** The most severe active alert of one cluster, if any. */
    public Optional<AlertSeverity> worst(String source, String scope) {
        return forCluster(source, scope).stream().map(Alert::severity).max(Enum::compareTo);
    }
}
