package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.EstateSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Holds the latest {@link EstateSnapshot} and publishes it. Writers put one cluster at a time from any thread;
 * each put publishes a new estate snapshot with a higher version.
 */
public final class LatestEstate implements EstateFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LatestEstate.class);

    private final String workspaceName;
    private final boolean readOnly;
    private final Map<String, ClusterSnapshot> clusters = new ConcurrentHashMap<>();
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

    /** Removes a cluster (it vanished from the DCS) and publishes. */
    public void remove(String source, String scope) {
        if (clusters.remove(key(source, scope)) != null) {
            publish();
        }
    }

    private synchronized void publish() {
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
