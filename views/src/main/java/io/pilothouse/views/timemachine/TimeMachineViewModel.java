package io.pilothouse.views.timemachine;

import io.pilothouse.services.history.store.PastMoment;
import io.pilothouse.services.history.store.PastSource;
import io.pilothouse.services.history.store.StoreStatus;
import io.pilothouse.views.tasks.Tasks;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The time machine's state: live or a stored second, the range the slider spans, the caption and the store's
 * warning. Reads of the store run on {@code io}; a newer scrub request makes an older answer stale (dropped).
 * The moment shown is published through a volatile field, so the scrubbed feeds can read it from any thread.
 * Call the public methods on the FX thread.
 */
public final class TimeMachineViewModel {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PastSource past;
    private final Executor io;
    private final Tasks tasks;
    private final Clock wall;
    private final Supplier<StoreStatus> status;
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(this, "live", true);
    private final ReadOnlyObjectWrapper<Instant> position = new ReadOnlyObjectWrapper<>(this, "position");
    private final ReadOnlyObjectWrapper<Instant> first = new ReadOnlyObjectWrapper<>(this, "first");
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper(this, "caption", "Live");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper(this, "warning", "");
    private volatile PastMoment shown;
    private final java.util.List<Runnable> shownListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param past   the stored past
     * @param io     where store reads run (never the FX thread)
     * @param fx     where answers are applied (the FX thread; {@code Runnable::run} in tests)
     * @param wall   the real clock ("now" at the right end of the slider)
     * @param status the store's state (may return null when there is no store)
     */
    public TimeMachineViewModel(PastSource past, Executor io, Executor fx, Clock wall, Supplier<StoreStatus> status) {
        this.past = past;
        this.io = io;
        this.tasks = new Tasks(fx);
        this.wall = wall;
        this.status = status;
    }

    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    /** The second shown, or null while live. */
    public ReadOnlyObjectProperty<Instant> positionProperty() {
        return position.getReadOnlyProperty();
    }

    /** The earliest stored second (the slider's left end), or null when nothing is stored. */
    public ReadOnlyObjectProperty<Instant> firstProperty() {
        return first.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** The store's warning (rebuilt, bypassed, records dropped), empty when all is well. */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** The moment shown, or null while live. Any thread. */
    public PastMoment shown() {
        return shown;
    }

    /**
     * Calls {@code listener} each time the moment shown changes (a scrub's answer, back to live), on the FX thread:
     * the scrubbed feeds wake the views' frames with it.
     *
     * @return a handle whose {@code close()} removes the listener
     */
    public AutoCloseable onShownChanged(Runnable listener) {
        shownListeners.add(listener);
        return () -> shownListeners.remove(listener);
    }

    private void setShown(PastMoment moment) {
        if (moment != shown) {
            shown = moment;
            shownListeners.forEach(Runnable::run);
        }
    }

    /** Now, on the wall clock. */
    public Instant now() {
        return wall.instant();
    }

    /** Re-reads the stored range and the store's state (call when the bar appears, then now and then). */
    public void refresh() {
        StoreStatus s = status.get();
        warning.set(s == null ? "" : s.health().isWarning() || s.dropped() > 0 ? s.describe() : "");
        tasks.deliver(Tasks.supply(io, past::span), span -> first.set(span.map(PastSource.TimeSpan::first)
                .orElse(null)), failure -> warning.set(Tasks.message(failure)));
    }

    /** Shows the stored second {@code t}; a time within a second of now returns to live. */
    public void scrubTo(Instant t) {
        Instant now = wall.instant();
        if (!t.isBefore(now.minusSeconds(1))) {
            goLive();
            return;
        }
        Instant second = Instant.ofEpochSecond(t.getEpochSecond());
        live.set(false);
        position.set(second);
        caption.set("Viewing " + WHEN.format(second.atZone(wall.getZone())) + " from the history store, not live");
        tasks.latest(Tasks.supply(io, () -> past.momentAt(second)), moment -> show(second, moment),
                failure -> warning.set(Tasks.message(failure)));
    }

    /** Back to the present. */
    public void goLive() {
        tasks.dropPending();
        setShown(null);
        position.set(null);
        live.set(true);
        caption.set("Live");
    }

    /** Steps to the next ({@code +1}) or previous ({@code -1}) stored event: the second after it, its effect shown. */
    public void stepEvent(int direction) {
        Instant from = live.get() ? wall.instant() : position.get();
        if (direction > 0 && live.get()) {
            return;
        }
        tasks.latest(Tasks.supply(io, () -> direction > 0 ? past.eventAfter(from)
                        : past.eventBefore(from.minusSeconds(1))),
                event -> event.ifPresentOrElse(e -> scrubTo(e.plusSeconds(1)), () -> {
                    if (direction > 0) {
                        goLive();
                    }
                }), failure -> warning.set(Tasks.message(failure)));
    }

    private void show(Instant second, Optional<PastMoment> moment) {
        if (moment.isEmpty()) {
            setShown(null);
            caption.set("Nothing stored before " + WHEN.format(second.atZone(wall.getZone())) + "; showing live");
            live.set(true);
            position.set(null);
            return;
        }
        setShown(moment.get());
    }

    /** The zone times are shown in. */
    public ZoneId zone() {
        return wall.getZone();
    }
}
