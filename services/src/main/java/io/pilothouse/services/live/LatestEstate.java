package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.EstateSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Holds the latest {@link EstateSnapshot} and publishes it. Writers put one cluster at a time from any thread. A put
 * that changes something publishes a new estate snapshot with a higher version at once; a put whose cluster differs
 * only in its clocks (ages, the lease countdown: see {@link PublishGate}) is folded into one publish per
 * {@link #flushEvery flush period} for the whole estate — so an estate where nothing happens publishes once a
 * period, not once per cluster per heartbeat (500 clusters: 285 estate snapshots a second, each one re-evaluated by
 * the alerts and applied by the window, for clocks alone).
 */
public final class LatestEstate implements EstateFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LatestEstate.class);

    private final String workspaceName;
    private final boolean readOnly;
    /** Keyed source NUL scope: sorted as {@link EstateSnapshot} orders its clusters, so its sort is one pass. */
    private final Map<String, ClusterSnapshot> clusters = new ConcurrentSkipListMap<>();
    /** Clock-only puts not published yet. */
    private final AtomicBoolean clocksPending = new AtomicBoolean();
    private volatile ScheduledFuture<?> flusher;
    private final AtomicReference<EstateSnapshot> latest;
    private final List<Consumer<EstateSnapshot>> listeners = new CopyOnWriteArrayList<>();

    public LatestEstate(String workspaceName, boolean readOnly) {
        this.workspaceName = workspaceName;
        this.readOnly = readOnly;
        this.latest = new AtomicReference<>(EstateSnapshot.empty(workspaceName, readOnly));
    }

    @Override
    public EstateSnapshot latest() {
        return latest.get();
    }

    @Override
    public AutoCloseable subscribe(Consumer<EstateSnapshot> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Replaces one cluster's snapshot and publishes. */
    public void put(ClusterSnapshot cluster) {
        clusters.put(key(cluster.source(), cluster.scope()), cluster);
        publish();
    }

    /**
     * Replaces one cluster's snapshot that differs from the last only in its clocks: published with the next change
     * or flush, whichever comes first (at once when no flush runs).
     */
    public void putClocks(ClusterSnapshot cluster) {
        clusters.put(key(cluster.source(), cluster.scope()), cluster);
        if (flusher == null) {
            publish();
        } else {
            clocksPending.set(true);
        }
    }

    /** Publishes clock-only puts every {@code period} on {@code scheduler}, until {@link #close()}. */
    public synchronized void flushEvery(ScheduledExecutorService scheduler, Duration period) {
        if (flusher == null) {
            flusher = scheduler.scheduleWithFixedDelay(() -> {
                if (clocksPending.get()) {
                    publish();
                }
            }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the flush; later clock-only puts publish at once. */
    public synchronized void close() {
        if (flusher != null) {
            flusher.cancel(false);
            flusher = null;
        }
    }

    /** Removes a cluster (it vanished from the DCS) and publishes. */
    public void remove(String source, String scope) {
        if (clusters.remove(key(source, scope)) != null) {
            publish();
        }
    }

    private synchronized void publish() {
        clocksPending.set(false);
        EstateSnapshot next = new EstateSnapshot(workspaceName, readOnly, List.copyOf(clusters.values()),
                latest.get().version() + 1, Instant.now());
        latest.set(next);
        for (Consumer<EstateSnapshot> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("estate listener failed", e);
            }
        }
    }

    private static String key(String source, String scope) {
        return source + '\u0000' + scope;
    }
}
