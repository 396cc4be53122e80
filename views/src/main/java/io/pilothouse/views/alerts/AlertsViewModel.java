package io.pilothouse.views.alerts;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertLedger;
import io.pilothouse.services.alerts.AlertRecord;
import io.pilothouse.views.tasks.Tasks;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What the alerts panel shows: the alerts of the estate as a history (open ones most severe and oldest first, then
 * cleared ones, newest first) when the app keeps one ({@link #useHistory}), else the active alerts alone; the time
 * ages are measured against; and what came of the last acknowledge or silence. Fed with {@link #setData} and
 * {@link #tick} once per frame; FX thread only.
 */
public final class AlertsViewModel {

    private final ReadOnlyObjectWrapper<List<AlertRecord>> records = new ReadOnlyObjectWrapper<>(this, "records",
            List.of());
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>(this, "now", Instant.EPOCH);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status");
    private final BooleanProperty showCleared = new SimpleBooleanProperty(this, "showCleared", true);
    private final ZoneId zone;
    private AlertLedger ledger;
    private AlertActions actions = AlertActions.NONE;
    private Tasks tasks;
    private long seenVersion = -1;
    private List<AlertRecord> all = List.of();

    /** @param zone time zone for clock times */
    public AlertsViewModel(ZoneId zone) {
        this.zone = zone;
        showCleared.subscribe(s -> publish());
    }

    /** Shows the app's history of alerts from now on; acknowledging and silencing go through {@code actions}. */
    public void useHistory(AlertLedger ledger, AlertActions actions, Tasks tasks) {
        this.ledger = ledger;
        this.actions = actions == null ? AlertActions.NONE : actions;
        this.tasks = tasks;
        pull();
    }

    /** Shows the active alerts at {@code now} (the history, when kept, is read instead). */
    public void setData(ActiveAlerts active, Instant now) {
        this.now.set(now);
        if (ledger != null) {
            pull();
            return;
        }
        all = active.alerts().stream().sorted(Alert.ORDER)
                .map(a -> new AlertRecord(a, a.since(), null, null, null, null)).toList();
        publish();
    }

    /** Moves the clock ages are measured against, and reads the history if it moved. */
    public void tick(Instant t) {
        now.set(t);
        pull();
    }

    /** Acknowledges the selected alert. */
    public void acknowledge(AlertRecord r) {
        run(r, a -> a.acknowledge(r.id()), "Acknowledged");
    }

    /** Silences the selected alert's condition for {@code d}. */
    public void silence(AlertRecord r, Duration d) {
        run(r, a -> a.silence(r.id(), d), "Silenced for " + AlertPresentation.duration(d));
    }

    /** Ends the silence of the selected alert's condition. */
    public void unsilence(AlertRecord r) {
        run(r, a -> a.unsilence(r.id()), "Silence ended");
    }

    private void run(AlertRecord r, Function<AlertActions, CompletionStage<AlertRecord>> call, String done) {
        if (r == null) {
            status.set("Select an alert first.");
            return;
        }
        if (tasks == null) {
            status.set("Acknowledging and silencing need the app's history of alerts; open the workspace in the "
                    + "app.");
            return;
        }
        status.set(null);
        tasks.deliver(call.apply(actions), ok -> {
            status.set(done + ": " + r.alert().rule().label() + " on " + AlertPresentation.member(r.alert())
                    + " (" + r.alert().cluster() + ").");
            pull();
        }, failure -> status.set("Not done: " + Tasks.message(failure)));
    }

    private void pull() {
        if (ledger != null && ledger.version() != seenVersion) {
            seenVersion = ledger.version();
            all = ledger.entries();
            publish();
        }
    }

    private void publish() {
        List<AlertRecord> shown = showCleared.get() ? all : all.stream().filter(AlertRecord::open).toList();
        if (!shown.equals(records.get())) {
            records.set(shown);
        }
    }

    /** Open alerts first, then cleared ones (when shown). */
    public ReadOnlyObjectProperty<List<AlertRecord>> recordsProperty() {
        return records.getReadOnlyProperty();
    }

    /** The alerts that hold now, most severe and oldest first. */
    public List<AlertRecord> open() {
        return all.stream().filter(AlertRecord::open).toList();
    }

    /** True when cleared alerts of the history are listed too. */
    public BooleanProperty showClearedProperty() {
        return showCleared;
    }

    /** What came of the last acknowledge or silence, or null. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True when the app keeps a history (acknowledge and silence are offered). */
    public boolean keepsHistory() {
        return ledger != null;
    }

    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return zone;
    }
}
