package io.pilothouse.services.indoubt;

import java.time.Instant;
import java.util.Objects;

/**
 * What the coordinator decided for one global transaction, as read from where it records decisions.
 *
 * @param outcome   the decision
 * @param source    where it was read
 * @param where     that place in words ({@code billing/node1, database billing}), for the evidence
 * @param decidedAt when the decision was recorded, if the record says; else null
 * @param detail    for {@link Outcome#UNKNOWN}, why (the error, the bad result); else null
 */
public record DecisionRecord(Outcome outcome, Source source, String where, Instant decidedAt, String detail) {

    public DecisionRecord {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(where, "where");
    }

    /** What the record says. */
    public enum Outcome {
        /** The coordinator decided to commit: every branch must be committed. */
        COMMITTED,
        /** The record says it did not commit (explicitly, or by having no row): presumed abort applies. */
        NOT_COMMITTED,
        /** The record could not be read or said nothing usable; see {@link #detail()}. */
        UNKNOWN
    }

    /** Where decisions are recorded. */
    public enum Source {
        /** The workspace's {@code indoubt.decision} query against the application's own decision table. */
        WORKSPACE_QUERY,
        /** Citus's {@code pg_dist_transaction} on the coordinator. */
        CITUS_DIST_TRANSACTION
    }

    public static DecisionRecord committed(Source source, String where, Instant decidedAt) {
        return new DecisionRecord(Outcome.COMMITTED, source, where, decidedAt, null);
    }

    public static DecisionRecord notCommitted(Source source, String where) {
        return new DecisionRecord(Outcome.NOT_COMMITTED, source, where, null, null);
    }

    public static DecisionRecord unknown(Source source, String where, String detail) {
        return new DecisionRecord(Outcome.UNKNOWN, source, where, null, detail);
    }
}
