package io.pilothouse.services.activity;

import io.pilothouse.services.model.NodeRef;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One node's activity as last read, or why it could not be read: an unreachable node is never shown as a node
 * with no sessions.
 *
 * @param node             the node
 * @param readAt           when the read finished (local clock)
 * @param reading          what was read, or null when the read failed
 * @param error            why the read failed, in words, or null
 * @param transactionRates transactions per second over the last reads, oldest first (may be empty)
 * @param walRates         WAL bytes per second over the last reads, oldest first (may be empty)
 */
public record NodeActivity(NodeRef node, Instant readAt, ActivityReading reading, String error,
                           List<RatePoint> transactionRates, List<RatePoint> walRates) {

    public NodeActivity {
        if ((reading == null) == (error == null)) {
            throw new IllegalArgumentException("a node's activity is either a reading or an error");
        }
        transactionRates = List.copyOf(transactionRates);
        walRates = List.copyOf(walRates);
    }

    /** A failed read. */
    public static NodeActivity failed(NodeRef node, Instant at, String error) {
        return new NodeActivity(node, at, null, error, List.of(), List.of());
    }

    /** True when the node answered. */
    public boolean readable() {
        return reading != null;
    }

    /** The latest transactions per second, once two reads were taken. */
    public Optional<Double> transactionsPerSecond() {
        return transactionRates.isEmpty() ? Optional.empty()
                : Optional.of(transactionRates.get(transactionRates.size() - 1).perSecond());
    }

    /** The latest WAL bytes per second, once two reads were taken. */
    public Optional<Double> walBytesPerSecond() {
        return walRates.isEmpty() ? Optional.empty() : Optional.of(walRates.get(walRates.size() - 1).perSecond());
    }
}
