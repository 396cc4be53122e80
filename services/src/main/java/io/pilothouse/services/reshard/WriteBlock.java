package io.pilothouse.services.reshard;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The part every cutover shares: its connections; writes blocked on the coordinator's parent table (reads go on)
 * and on the source table (in a transaction on the source node, or the coordinator's own when the partition is
 * local); a marker row written on the source and awaited on the target, proving the target has applied every change
 * made before the block; a repeatable-read snapshot of the target taken while writes are still blocked.
 */
final class WriteBlock implements AutoCloseable {

    final Connection coordinator;
    final Connection source;
    final Connection target;
    final Connection snapshot;
    private final Connection sourceLock;
    private final MovePlan plan;
    private long asked;
    private long locked;
    private long caughtUp;

    private WriteBlock(MovePlan plan, Connection coordinator, Connection sourceLock, Connection source,
                       Connection target, Connection snapshot) {
        this.plan = plan;
        this.coordinator = coordinator;
        this.sourceLock = sourceLock;
        this.source = source;
        this.target = target;
        this.snapshot = snapshot;
    }

    /** Opens the connections a cutover needs; nothing is locked yet. */
    static WriteBlock open(ReshardConnections connections, MovePlan p) throws SQLException {
        Connection coordinator = connections.open(p.coordinator(), p.user());
        Connection sourceLock = null;
        Connection source = null;
        Connection target = null;
        try {
            sourceLock = p.sourceForeign() ? connections.open(p.source(), p.user()) : null;
            source = connections.open(p.source(), p.user());
            target = connections.open(p.target(), p.user());
            return new WriteBlock(p, coordinator, sourceLock, source, target, connections.open(p.target(), p.user()));
        } catch (SQLException e) {
            for (Connection c : new Connection[] {target, source, sourceLock, coordinator}) {
                closeQuietly(c);
            }
            throw e;
        }
    }

    /** The statements {@link #block} runs, for the preview. */
    static java.util.List<String> statements(MovePlan p) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add("SET lock_timeout = '" + PartitionMover.LOCK_TIMEOUT.toSeconds() + "s'");
        lines.add("BEGIN");
        lines.add(MoveStatements.lockExclusive(p.parent()));
        lines.add((p.sourceForeign() ? "-- on the source: BEGIN; " : "") + MoveStatements.lockExclusive(p.sourceTable()));
        lines.add("-- on the source: " + MoveStatements.insertMarker(p.marker()) + "; wait for it on the target");
        return lines;
    }

    /** The transaction holding the source table's lock: the source node's, or the coordinator's. */
    Connection sourceTx() {
        return plan.sourceForeign() ? sourceLock : coordinator;
    }

    /** Blocks writes, waits for the marker on the target, then takes the target's snapshot. */
    void block(MoveEvents events, int attempt) throws SQLException {
        MovePlan p = plan;
        MoveSql.exec(coordinator, p.coordinator(), events, "SET lock_timeout = '"
                + PartitionMover.LOCK_TIMEOUT.toSeconds() + "s'");
        coordinator.setAutoCommit(false);
        asked = System.nanoTime();
        MoveSql.exec(coordinator, p.coordinator(), events, MoveStatements.lockExclusive(p.parent()));
        if (p.sourceForeign()) {
            sourceLock.setAutoCommit(false);
            MoveSql.exec(sourceLock, p.source(), events, "SET LOCAL lock_timeout = '"
                    + PartitionMover.LOCK_TIMEOUT.toSeconds() + "s'");
        }
        MoveSql.exec(sourceTx(), p.source(), events, MoveStatements.lockExclusive(p.sourceTable()));
        locked = System.nanoTime();
        Cutover.awaitMarker(p, source, target, attempt);
        caughtUp = System.nanoTime();
        for (String sql : MoveStatements.CANONICAL_TEXT) {
            MoveSql.exec(snapshot, p.target(), MoveEvents.NONE, sql);
        }
        snapshot.setAutoCommit(false);
        snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement st = snapshot.createStatement()) {
            st.executeQuery("SELECT count(*) FROM " + p.marker().sql()).close();
        }
    }

    /** The figures of an attempt whose switch committed just now. */
    CutoverFigures committed(int attempt) {
        long committed = System.nanoTime();
        return new CutoverFigures(attempt, (locked - asked) / 1_000_000, (caughtUp - locked) / 1_000_000,
                (committed - asked) / 1_000_000);
    }

    /** Releases the locks without changing anything. */
    void rollback() {
        Cutover.rollbackQuietly(coordinator);
        Cutover.rollbackQuietly(sourceLock);
    }

    @Override
    public void close() {
        for (Connection c : new Connection[] {snapshot, target, source, sourceLock, coordinator}) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // Closing rolls back whatever was left open; nothing else to do.
            }
        }
    }
}
