package io.pilothouse.services.indoubt;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a coordinator's decision for a global transaction can be read. Implementations only read, in a read-only
 * transaction with a statement timeout, and report failures as {@link DecisionRecord.Outcome#UNKNOWN} rather than
 * throwing: a missing answer must lead to "decide", never to a guess. Blocking: call off the FX thread.
 */
public interface DecisionLookup {

    /** What was decided for {@code globalId} ({@link GlobalTransaction#globalId()}). */
    DecisionRecord lookup(String globalId);

    /** Opens a connection to the node holding the decisions; the lookup closes it. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }
}
