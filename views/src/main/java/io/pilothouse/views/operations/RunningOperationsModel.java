package io.pilothouse.views.operations;

import io.pilothouse.services.locks.RunningOperation;
import io.pilothouse.services.locks.RunningOperationsFeed;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What any window shows of the running operations (this app's and other operators'), bound by a status-bar
 * indicator or a header: a one-line summary, one line per operation for a tooltip or list, how many, and whether a
 * step is waiting on something. Changes arrive on any thread and are applied on {@code fx}, at most one hand-over
 * pending at a time (a move reports its progress several times a second).
 */
public final class RunningOperationsModel {

    private final Executor fx;
    private final Clock clock;
    private final AtomicReference<List<RunningOperation>> latest = new AtomicReference<>(List.of());
    private final AtomicBoolean handOverPending = new AtomicBoolean();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "No operation running");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(this, "count", 0);
    private final ReadOnlyBooleanWrapper waiting = new ReadOnlyBooleanWrapper(this, "waiting", false);
    private final AutoCloseable subscription;

    public RunningOperationsModel(RunningOperationsFeed feed, Executor fx, Clock clock) {
        this.fx = fx;
        this.clock = clock;
        this.subscription = feed.subscribe(this::changed);
    }

    /** "No operation running", or the first operation (and how many more), with what it waits on. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** One paragraph per operation: what, where, who, since when, what it holds, its step and wait. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** True when a step of some operation has been waiting for more than a few seconds. */
    public ReadOnlyBooleanProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    /** Stops listening. */
    public void dispose() {
        try {
            subscription.close();
        } catch (Exception e) {
            // Removing a listener from a list does not fail.
        }
    }

    private void changed(List<RunningOperation> now) {
        latest.set(now);
        if (handOverPending.compareAndSet(false, true)) {
            fx.execute(() -> {
                handOverPending.set(false);
                apply(latest.get());
            });
        }
    }

    private void apply(List<RunningOperation> ops) {
        Instant now = clock.instant();
        count.set(ops.size());
        waiting.set(ops.stream().anyMatch(o -> o.waitingOn() != null));
        if (ops.isEmpty()) {
            summary.set("No operation running");
            details.set("No operation running (this Pilothouse or, through the etcd locks, other operators)");
            return;
        }
        RunningOperation first = ops.stream().filter(o -> o.waitingOn() != null).findFirst().orElse(ops.get(0));
        summary.set((ops.size() == 1 ? "Running: " : ops.size() + " running: ") + first.describe(now)
                + (first.waitingOn() != null ? " — " + first.waitingOn()
                : first.step() != null ? " — " + first.step() : ""));
        StringBuilder b = new StringBuilder();
        for (RunningOperation o : ops) {
            if (!b.isEmpty()) {
                b.append("\n\n");
            }
            b.append(o.describe(now)).append("\n  by ").append(o.holder()).append(" since ").append(o.since())
                    .append("\n  holds ").append(o.holds());
            if (o.step() != null) {
                b.append("\n  step: ").append(o.step());
            }
            if (o.waitingOn() != null) {
                b.append("\n  ").append(o.waitingOn());
            }
        }
        details.set(b.toString());
    }
}
