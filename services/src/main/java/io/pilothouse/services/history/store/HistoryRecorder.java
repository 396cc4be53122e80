package io.pilothouse.services.history.store;

import io.pilothouse.services.alerts.AlertsFeed;
import io.pilothouse.services.metrics.LagSeriesSource;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.EstateSnapshot;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Feeds the store from a live session: every model event and alert change as it happens, the lag history's new
 * samples and (after any event, and every {@link #snapshotEvery}) a full snapshot once a second, and operation
 * outcomes from the audit log. Everything goes through {@link HistoryWriter#offer}, which never blocks.
 */
public final class HistoryRecorder implements Consumer<ClusterEvent>, AutoCloseable {

    /** Default period of the full snapshot (one is also taken within a second of every event). */
    public static final Duration DEFAULT_SNAPSHOT_EVERY = Duration.ofMinutes(5);

    private final HistoryWriter writer;
    private final EstateFeed feed;
    private final LagPull lag;
    private final AuditTail audit;
    private final Duration snapshotEvery;
    private final Clock clock;
    private final AtomicBoolean snapshotDue = new AtomicBoolean(true);
    private long lastSnapshot;
    private ScheduledFuture<?> task;
    private AutoCloseable alertSubscription;

    public HistoryRecorder(HistoryWriter writer, EstateFeed feed, LagSeriesSource lag, Path auditLog,
                           Duration snapshotEvery, Clock clock) {
        this.writer = writer;
        this.feed = feed;
        this.lag = new LagPull(lag);
        this.audit = new AuditTail(auditLog);
        this.snapshotEvery = snapshotEvery;
        this.clock = clock;
    }

    /** Subscribes to {@code alerts} and starts the 1 Hz pull on {@code scheduler}; returns this. */
    public synchronized HistoryRecorder start(AlertsFeed alerts, ScheduledExecutorService scheduler) {
        alertSubscription = alerts.onEvent(e -> {
            writer.offer(new HistoryRecord.AlertChange(e));
            snapshotDue.set(true);
        });
        task = scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    /** Takes one model event (from the monitor's I/O thread). */
    @Override
    public void accept(ClusterEvent e) {
        writer.offer(new HistoryRecord.Event(e));
        snapshotDue.set(true);
    }

    /** One second's work: new lag samples, a snapshot when due, new audit lines. Also callable from tests. */
    public void tick() {
        try {
            EstateSnapshot estate = feed.latest();
            long now = clock.millis();
            lag.pull(estate.clusters(), now, writer::offer);
            if (snapshotDue.getAndSet(false) || now - lastSnapshot >= snapshotEvery.toMillis()) {
                lastSnapshot = now;
                writer.offer(new HistoryRecord.Snapshot(clock.instant(), estate));
            }
            audit.poll(writer::offer);
        } catch (RuntimeException e) {
            // A failing round must not cancel the periodic task; the next second tries again.
            org.slf4j.LoggerFactory.getLogger(HistoryRecorder.class).warn("history recording round failed: {}",
                    e.toString());
        }
    }

    /** The writer's state, for banners. */
    public StoreStatus status() {
        return writer.status();
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
        if (alertSubscription != null) {
            try {
                alertSubscription.close();
            } catch (Exception e) {
                // Closing a subscription only removes a listener.
            }
        }
    }
}
