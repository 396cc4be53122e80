package io.pilothouse.services.alerts;

import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.EstateSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs an {@link AlertEvaluator} on every estate snapshot the feed publishes, and once a second on the latest one
 * (a grace period must end even when nothing else changes), and publishes the active alerts and their transitions.
 */
public final class AlertMonitor implements AlertsFeed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertMonitor.class);

    private final EstateFeed estate;
    private final AlertEvaluator evaluator;
    private final AtomicReference<ActiveAlerts> latest = new AtomicReference<>(ActiveAlerts.NONE);
    private final List<Consumer<AlertEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private AutoCloseable subscription;
    private ScheduledFuture<?> tick;
    private long lastVersion = -1;
    private List<Alert> lastActive;
    private volatile long lastEvaluatedNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    public AlertMonitor(EstateFeed estate, AlertEvaluator evaluator) {
        this.estate = Objects.requireNonNull(estate, "estate");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    }

    /** Subscribes to the feed and, if {@code scheduler} is not null, re-evaluates every {@code period}. */
    public synchronized AlertMonitor start(ScheduledExecutorService scheduler, Duration period) {
        subscription = estate.subscribe(scheduler == null ? this::evaluate : s -> requestEvaluation(scheduler));
        if (scheduler != null) {
            long ms = period.toMillis();
            // The tick is for time alone (a grace period ending): skipped when a publish was evaluated within the
            // period (less a little slack for the scheduler), as the estate's own once-a-second publish of moving
            // clocks already was. A grace period then ends at most one period late.
            long skipWithin = TimeUnit.MILLISECONDS.toNanos(ms) * 9 / 10;
            tick = scheduler.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastEvaluatedNanos >= skipWithin) {
                    evaluate(estate.latest());
                }
            }, ms, ms, TimeUnit.MILLISECONDS);
        }
        evaluate(estate.latest());
        return this;
    }

    /**
     * Coalesces publishes: at most one evaluation waits at a time, and it reads the latest snapshot when it runs. An
     * estate of hundreds of clusters publishes many snapshots a second; evaluating every one of them, each over the
     * whole estate, on the publishing thread was quadratic work.
     */
    private void requestEvaluation(ScheduledExecutorService scheduler) {
        if (evaluationPending.compareAndSet(false, true)) {
            try {
                scheduler.execute(() -> {
                    evaluationPending.set(false);
                    evaluate(estate.latest());
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                evaluationPending.set(false); // shutting down
            }
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean evaluationPending =
            new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public ActiveAlerts latest() {
        return latest.get();
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

    /** Evaluates one estate snapshot now (the feed's listener and the tick call this). */
    public void evaluate(EstateSnapshot snapshot) {
        try {
            // Serialised so transitions are published in the order they were evaluated.
            synchronized (this) {
                // The tick may read a snapshot just before a publish evaluates a newer one: never step back.
                if (snapshot.version() < lastVersion) {
                    return;
                }
                lastVersion = snapshot.version();
                lastEvaluatedNanos = System.nanoTime();
                AlertEvaluator.Evaluation e = evaluator.evaluate(snapshot.clusters());
                ActiveAlerts prev = latest.get();
                // The evaluator hands back the same list while nothing changed: no comparison of every alert then.
                if (e.active() != lastActive) {
                    lastActive = e.active();
                    if (!e.active().equals(prev.alerts())) {
                        latest.set(new ActiveAlerts(e.active(), prev.version() + 1, e.at()));
                        changed();
                    }
                }
                for (AlertEvent event : e.events()) {
                    LOG.info("{} {} {}", event.type(), event.alert().id(), event.alert().message());
                    for (Consumer<AlertEvent> l : listeners) {
                        try {
                            l.accept(event);
                        } catch (RuntimeException ex) {
                            LOG.warn("alert listener failed", ex);
                        }
                    }
                }
            }
        } catch (RuntimeException ex) {
            LOG.warn("alert evaluation failed", ex);
        }
    }

    private void changed() {
        for (Runnable l : changeListeners) {
            try {
                l.run();
            } catch (RuntimeException ex) {
                LOG.warn("alert change listener failed", ex);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (tick != null) {
            tick.cancel(false);
        }
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("unsubscribe failed", e);
            }
        }
    }
}
