package io.pilothouse.services.history;

import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Histories of every cluster of an estate, fed by {@code EstateMonitor.onEvent(history::accept)}, and the hook that
 * turns new entries into notifications. Thread-safe.
 */
public final class EstateHistory implements Consumer<ClusterEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(EstateHistory.class);

    private final Map<String, ClusterHistory> clusters = new ConcurrentHashMap<>();
    private final Notifier notifier;
    private final PlannedChanges planned;

    /** @param notifier told about leader changes and lost members ({@link Notifier#NONE} for none) */
    public EstateHistory(Notifier notifier) {
        this(notifier, PlannedChanges.NONE);
    }

    /** As {@link #EstateHistory(Notifier)}, silent about the changes this app's own operations make. */
    public EstateHistory(Notifier notifier, PlannedChanges planned) {
        this.notifier = notifier;
        this.planned = planned;
    }

    /** Takes one live event from the monitor. */
    @Override
    public void accept(ClusterEvent e) {
        if (e.scope() == null) {
            return;
        }
        ClusterHistory h = cluster(e.source(), e.scope());
        // The classifier depends on per-cluster order; the monitor delivers each cluster's events in order.
        List<HistoryEntry> added = h.record(e);
        for (HistoryEntry entry : added) {
            LOG.info("{} / {}: {} {}", e.source(), e.scope(), entry.kind(), entry.detail());
            if (planned.silences(e.scope(), entry)) {
                LOG.info("No notification for {} on {}: planned by this app's {}", entry.kind(), e.scope(),
                        planned.plannedOn(e.scope()).orElse("operation"));
                continue;
            }
            HistoryNotifications.of(e.scope(), entry).ifPresent(n -> {
                try {
                    notifier.notify(n);
                } catch (RuntimeException ex) {
                    // A broken notifier must not stop the history from recording.
                    LOG.warn("Notification '{}' failed: {}", n.title(), ex.toString());
                }
            });
        }
        if (e.type() == ClusterEventType.CLUSTER_REMOVED) {
            LOG.debug("{} / {} removed; its history stays until the app restarts", e.source(), e.scope());
        }
    }

    /**
     * Takes one event from an earlier session (the history store) without notifying anyone: call before the live
     * events start, oldest first.
     */
    public void restore(ClusterEvent e) {
        if (e.scope() != null) {
            cluster(e.source(), e.scope()).record(e);
        }
    }

    /** The history of one cluster, created empty on first use. */
    public ClusterHistory cluster(String source, String scope) {
        return clusters.computeIfAbsent(source + '\u0000' + scope, k -> new ClusterHistory(scope));
    }

    /** The history of one cluster if any event or record was seen for it. */
    public Optional<ClusterHistory> find(String source, String scope) {
        return Optional.ofNullable(clusters.get(source + '\u0000' + scope));
    }
}
