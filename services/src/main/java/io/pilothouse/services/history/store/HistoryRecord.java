package io.pilothouse.services.history.store;

import io.pilothouse.services.alerts.AlertEvent;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.EstateSnapshot;

import java.time.Instant;

/** One thing to keep, as the recorder hands it to the writer. */
public sealed interface HistoryRecord {

    /** A model event (leader change, member added, state change…). */
    record Event(ClusterEvent event) implements HistoryRecord {
    }

    /** An alert raised or cleared. */
    record AlertChange(AlertEvent event) implements HistoryRecord {
    }

    /**
     * An operation's outcome: one audit log line as written (tamper evidence stays with the audit log).
     *
     * @param at      when it was recorded
     * @param cluster the cluster it concerned, or null
     * @param action  the audited action
     * @param outcome its outcome word
     * @param json    the audit line itself
     */
    record Audit(Instant at, String cluster, String action, String outcome, String json) implements HistoryRecord {
    }

    /**
     * One second of lag of one member: {@code values[m]} for {@link io.pilothouse.services.metrics.LagMetric}
     * ordinal {@code m}, NaN when not measured.
     */
    record Lag(long epochSecond, String cluster, String member, double[] values) implements HistoryRecord {
    }

    /** The whole model at one moment. */
    record Snapshot(Instant at, EstateSnapshot estate) implements HistoryRecord {
    }
}
