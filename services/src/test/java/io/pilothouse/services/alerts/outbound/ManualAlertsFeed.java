package io.pilothouse.services.alerts.outbound;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertEvent;
import io.pilothouse.services.alerts.AlertRule;
import io.pilothouse.services.alerts.AlertSeverity;
import io.pilothouse.services.alerts.AlertsFeed;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An alerts feed the test raises and clears alerts on, as the AlertMonitor would (listeners called in line). */
final class ManualAlertsFeed implements AlertsFeed {

    private final List<Consumer<AlertEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Alert> active = new LinkedHashMap<>();
    private long version;

    static Alert lag(String member, Instant since) {
        return new Alert("replica-lag/sandbox/demo/" + member, AlertSeverity.WARNING, AlertRule.REPLICA_LAG,
                "sandbox", "demo", member, member + " is 20 MB behind (threshold 16 MB)", since);
    }

    synchronized void raise(Alert a, Instant at) {
        active.put(a.id(), a);
        version++;
        publish(new AlertEvent(AlertEvent.Type.ALERT_RAISED, a, at));
    }

    synchronized void clear(Alert a, Instant at) {
        active.remove(a.id());
        version++;
        publish(new AlertEvent(AlertEvent.Type.ALERT_CLEARED, a, at));
    }

    private void publish(AlertEvent e) {
        changeListeners.forEach(Runnable::run);
        listeners.forEach(l -> l.accept(e));
    }

    @Override
    public synchronized ActiveAlerts latest() {
        return new ActiveAlerts(List.copyOf(active.values()), version, Instant.now());
    }

    @Override
    public AutoCloseable onEvent(Consumer<AlertEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public AutoCloseable onChange(Runnable listener) {
        changeListeners.add(listener);
        return () -> changeListeners.remove(listener);
    }
}
