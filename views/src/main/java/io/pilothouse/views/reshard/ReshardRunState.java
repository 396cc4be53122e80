package io.pilothouse.views.reshard;

import io.pilothouse.services.reshard.MoveProgress;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running move of the resharding wizard: what runs, in words, its latest progress (coalesced so a fast mover
 * costs one UI update per batch, not one per event), and the stop before the cutover. Part of
 * {@link ReshardWizardModel}; progress arrives on the move's thread and is applied on {@code fx}.
 */
public final class ReshardRunState {

    private final Executor fx;
    private final ReadOnlyObjectWrapper<MoveProgress> progress = new ReadOnlyObjectWrapper<>(this, "progress");
    private final ReadOnlyBooleanWrapper stoppable = new ReadOnlyBooleanWrapper(this, "stoppable");
    private final ReadOnlyBooleanWrapper stopRequested = new ReadOnlyBooleanWrapper(this, "stopRequested");
    private final ReadOnlyStringWrapper running = new ReadOnlyStringWrapper(this, "running", "");
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<MoveProgress> pendingProgress = new AtomicReference<>();
    private final AtomicBoolean progressScheduled = new AtomicBoolean();

    ReshardRunState(Executor fx) {
        this.fx = fx;
    }

    /** A new run of {@code what} starts; {@code canStop} when it may stop before its cutover. FX thread. */
    void start(String what, boolean canStop) {
        // The flag is reset before the work starts, so a stop asked for at once is never lost.
        stop.set(false);
        stopRequested.set(false);
        stoppable.set(canStop);
        progress.set(null);
        running.set(what);
    }

    /** Stops the running move before its cutover (a cutover under way finishes). */
    public void stopBeforeCutover() {
        stop.set(true);
        stopRequested.set(true);
    }

    /** Asked by the move's thread: should it stop before the cutover? */
    boolean stopAsked() {
        return stop.get();
    }

    /** Called from the move's thread: keeps only the latest, and applies it on the FX thread once per batch. */
    void offer(MoveProgress p) {
        pendingProgress.set(p);
        if (progressScheduled.compareAndSet(false, true)) {
            fx.execute(() -> {
                progressScheduled.set(false);
                progress.set(pendingProgress.get());
            });
        }
    }

    /** The running move's latest progress, or null before the first report. */
    public ReadOnlyObjectProperty<MoveProgress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** True while a move or resume runs (a roll-back or a drop cannot be stopped). */
    public ReadOnlyBooleanProperty stoppableProperty() {
        return stoppable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty stopRequestedProperty() {
        return stopRequested.getReadOnlyProperty();
    }

    /** What runs now, in words. */
    public ReadOnlyStringProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
