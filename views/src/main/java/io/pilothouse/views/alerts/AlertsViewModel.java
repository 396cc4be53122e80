package io.pilothouse.views.alerts;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.Alert;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What the alerts panel shows: the active alerts of the estate (most severe, then oldest first) and the time ages
 * are measured against. Fed with {@link #setData}; FX thread only.
 */
public final class AlertsViewModel {

    private final ReadOnlyObjectWrapper<List<Alert>> alerts = new ReadOnlyObjectWrapper<>(this, "alerts", List.of());
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>(this, "now", Instant.EPOCH);
    private final ZoneId zone;

    /** @param zone time zone for clock times */
    public AlertsViewModel(ZoneId zone) {
        this.zone = zone;
    }

    /** Shows the active alerts at {@code now}. */
    public void setData(ActiveAlerts active, Instant now) {
        this.now.set(now);
        List<Alert> sorted = active.alerts().stream().sorted(Alert.ORDER).toList();
        if (!sorted.equals(alerts.get())) {
            alerts.set(sorted);
        }
    }

    /** Moves the clock ages are measured against. */
    public void tick(Instant t) {
        now.set(t);
    }

    public ReadOnlyObjectProperty<List<Alert>> alertsProperty() {
        return alerts.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return zone;
    }
}
