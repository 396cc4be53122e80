package io.pilothouse.views.alerts;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertEvent;
import io.pilothouse.services.alerts.AlertRule;
import io.pilothouse.services.alerts.AlertSeverity;
import io.pilothouse.services.alerts.AlertsFeed;

import java.util.List;
import java.util.function.Consumer;

import static io.pilothouse.views.SampleEstates.EU;
import static io.pilothouse.views.SampleEstates.NOW;
import static io.pilothouse.views.SampleEstates.STAGING;

/** Alerts matching the sample estates, as the evaluator words them, and a feed tests can change. */
public final class SampleAlerts {

    private SampleAlerts() {
    }

    static Alert alert(AlertSeverity s, AlertRule r, String source, String scope, String member, String message,
                       long secondsAgo) {
        return new Alert(r.key() + "/" + source + "/" + scope + (member == null ? "" : "/" + member), s, r, source,
                scope, member, message, NOW.minusSeconds(secondsAgo));
    }

    /** Six alerts over three clusters, listed out of order on purpose. */
    public static List<Alert> estate() {
        return List.of(
                alert(AlertSeverity.WARNING, AlertRule.REPLICA_LAG, EU, "billing-prod", "pg-bill-c",
                        "Replica pg-bill-c replays 2.1 MiB behind, above 1.0 MiB for 30 s or more", 95),
                alert(AlertSeverity.CRITICAL, AlertRule.REPLICA_NOT_STREAMING, EU, "inventory-prod", "inv-06",
                        "Replica inv-06 is not streaming: Patroni reports it as crashed (for 10 s or more)", 105),
                alert(AlertSeverity.WARNING, AlertRule.LEADER_LEASE_EXPIRING, EU, "inventory-prod", "inv-01",
                        "Leader lease has 6 s left of a 30 s ttl, below 10 s: inv-01 is not renewing it", 4),
                alert(AlertSeverity.CRITICAL, AlertRule.LEADER_MISSING, STAGING, "analytics-stg", null,
                        "No member holds the leader key for 10 s or more; writes are refused until "
                                + "a leader is elected", 640),
                alert(AlertSeverity.WARNING, AlertRule.SLOT_RETAINING_WAL, EU, "billing-prod", "pg-bill-a",
                        "Slot debezium on pg-bill-a holds back 1.4 GiB of WAL, above 1.0 GiB; it has no consumer",
                        3720),
                alert(AlertSeverity.WARNING, AlertRule.CONNECTIONS_HIGH, EU, "inventory-prod", "inv-01",
                        "187 client connections on inv-01, above 150 for 5 min or more", 410));
    }

    /** A feed whose alerts a test sets. */
    public static final class Feed implements AlertsFeed {
        private volatile ActiveAlerts latest = ActiveAlerts.NONE;
        private final List<Runnable> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

        public void set(List<Alert> alerts) {
            latest = new ActiveAlerts(alerts, latest.version() + 1, NOW);
            changeListeners.forEach(Runnable::run);
        }

        @Override
        public AutoCloseable onChange(Runnable listener) {
            changeListeners.add(listener);
            return () -> changeListeners.remove(listener);
        }

        @Override
        public ActiveAlerts latest() {
            return latest;
        }

        @Override
        public AutoCloseable onEvent(Consumer<AlertEvent> listener) {
            return () -> { };
        }
    }
}
