package io.pilothouse.services.reshard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The cutover: writes blocked on the coordinator (the parent table, since detaching a partition needs the parent's
 * strongest lock and taking it after blocking the partition alone would deadlock with inserts queued on the
 * partition; reads go on) and on the source table for writers that bypass the coordinator; a marker row written on
 * the source and awaited on the target proves the target has applied every earlier change; the coordinator's
 * partition replaced in one transaction by a foreign table on the target; the source table renamed and kept. A
 * snapshot taken on the target while writes are still blocked is compared with the kept source afterwards.
 */
final class Cutover {

    private static final String SQLSTATE_LOCK_TIMEOUT = "55P03";

    private final ReshardConnections connections;
    private final MoveJournal journal;
    private final MoveEvents events;

    Cutover(ReshardConnections connections, MoveJournal journal, MoveEvents events) {
        this.connections = connections;
        this.journal = journal;
        this.events = events;
    }

    /** The coordinator's part of the cutover, for the preview. */
    static List<String> statements(MovePlan p) {
        List<String> lines = new ArrayList<>(WriteBlock.statements(p));
        lines.addAll(switchStatements(p));
        lines.add("COMMIT");
        if (p.sourceForeign()) {
            lines.add("-- on the source: " + MoveStatements.rename(p.sourceTable(), p.keptName()) + "; COMMIT");
        }
        return lines;
    }

    private static List<String> switchStatements(MovePlan p) {
        List<String> sql = new ArrayList<>();
        sql.add(MoveStatements.detach(p.parent(), p.partition()));
        sql.add(p.sourceForeign() ? MoveStatements.dropForeignTable(p.partition())
                : MoveStatements.rename(p.partition(), p.keptName()));
        sql.add(MoveStatements.createForeignPartition(p.partition(), p.parent(), p.bound(), p.targetServer(),
                p.targetTable()));
        sql.addAll(p.partitionGrants());
        return sql;
    }

    /** Cuts over, trying again when the write locks cannot be had within the lock timeout. */
    MoveRecord run(MoveRecord record) {
        ReshardException last = null;
        for (int attempt = 1; attempt <= PartitionMover.CUTOVER_ATTEMPTS; attempt++) {
            try {
                return attempt(record, attempt);
            } catch (LockTimeout e) {
                last = new ReshardException("Writes to " + record.plan().parent() + " could not be blocked within "
                        + PartitionMover.LOCK_TIMEOUT.toSeconds() + " s in " + attempt + " attempt(s): long "
                        + "transactions hold the table (" + e.getMessage() + "). Resume when they are done.", e);
                events.progress(MoveProgress.step(MoveState.SUBSCRIBED, "Cutover attempt " + attempt
                        + " could not lock in time; the blocked writers went on. Trying again."));
            }
        }
        throw last;
    }

    private MoveRecord attempt(MoveRecord record, int attempt) throws LockTimeout {
        MovePlan p = record.plan();
        events.progress(MoveProgress.step(MoveState.SUBSCRIBED, "Cutover: blocking writes to " + p.parent()));
        boolean switching = false;
        try (WriteBlock block = WriteBlock.open(connections, p)) {
            try {
                block.block(events, attempt);
                switching = true;
                journal.save(record.advanced(MoveState.CUTTING_OVER, "writes blocked; target caught up"));
                for (String sql : switchStatements(p)) {
                    MoveSql.exec(block.coordinator, p.coordinator(), events, sql);
                }
                block.coordinator.commit();
                CutoverFigures figures = block.committed(attempt);
                MoveRecord cut = journal.save(record.advanced(MoveState.CUT_OVER, "coordinator switched "
                        + p.partition() + " to " + p.targetServer() + " (writes blocked " + figures.blockedMillis()
                        + " ms)").withCutover(figures));
                switching = false;
                if (p.sourceForeign()) {
                    MoveSql.exec(block.sourceTx(), p.source(), events, MoveStatements.rename(p.sourceTable(),
                            p.keptName()));
                    block.sourceTx().commit();
                }
                Verification v = Verifier.compare(block.source, p.sourceTable().withName(p.keptName()),
                        block.snapshot, p.targetTable(), null);
                block.snapshot.commit();
                return journal.save(cut.withVerification(v));
            } catch (SQLException e) {
                block.rollback();
                if (switching) {
                    // The switch did not commit: back to streaming, the cutover can be tried again.
                    journal.save(record.failed("cutover rolled back: " + e.getMessage()));
                }
                if (SQLSTATE_LOCK_TIMEOUT.equals(e.getSQLState())) {
                    throw new LockTimeout(e.getMessage());
                }
                throw new ReshardException("The cutover of " + p.partition() + " failed and was rolled back (the "
                        + "coordinator still reads it from " + p.source().describe() + "): " + e.getMessage()
                        + (retryable(e) ? ". Resume to try again, or roll the move back."
                        // The same statement would fail the same way: resuming cannot work.
                        : ". Resuming would fail the same way: roll the move back (pilothouse reshard rollback "
                        + "--move " + p.id() + "), fix the cause, and plan again."), e);
            }
        } catch (SQLException e) {
            throw new ReshardException("Could not open the cutover's connections: " + e.getMessage()
                    + "; is every node up? Resume the move when they are.", e);
        }
    }

    /**
     * True when trying the cutover again may work: lock and serialization conflicts, lost connections, a server
     * shutting down or cancelling. False for what the schema itself forbids (an object error, a feature not
     * supported, a constraint): those fail the same way every time.
     */
    static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.length() < 2) {
            return true;
        }
        String cls = state.substring(0, 2);
        return cls.equals("08") || cls.equals("40") || cls.equals("53") || cls.equals("55") || cls.equals("57")
                || cls.equals("58") || cls.equals("XX");
    }

    /**
     * After a restart in {@link MoveState#CUTTING_OVER}: reads the coordinator's catalog to learn whether the switch
     * committed, and goes on from there.
     */
    MoveRecord settle(MoveRecord record) {
        MovePlan p = record.plan();
        try (Connection coordinator = connections.open(p.coordinator(), p.user())) {
            String server = null;
            try (PreparedStatement ps = coordinator.prepareStatement(MoveStatements.PARTITION_SERVER)) {
                ps.setString(1, p.partition().sql());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && "f".equals(rs.getString(1))) {
                        server = rs.getString(2);
                    }
                }
            }
            if (!p.targetServer().equals(server)) {
                return journal.save(record.advanced(MoveState.SUBSCRIBED, "the interrupted cutover had not "
                        + "committed: the coordinator still reads " + p.partition() + " from the source"));
            }
        } catch (SQLException e) {
            throw MovePlanner.failure("read where " + p.partition() + " points", p.coordinator(), e);
        }
        if (p.sourceForeign()) {
            try (Connection source = connections.open(p.source(), p.user())) {
                if (MovePlanner.bool(source, MoveStatements.TABLE_EXISTS, p.sourceTable().sql())) {
                    MoveSql.exec(source, p.source(), events, MoveStatements.rename(p.sourceTable(),
                            p.keptName()));
                }
            } catch (SQLException e) {
                throw MovePlanner.failure("rename the source table", p.source(), e);
            }
        }
        return journal.save(record.advanced(MoveState.CUT_OVER, "the interrupted cutover had committed"));
    }

    /** Writes a marker on the source and waits until the target has applied it. */
    static void awaitMarker(MovePlan p, Connection source, Connection target, int attempt)
            throws SQLException {
        long seq = System.currentTimeMillis() * 10 + attempt;
        try (PreparedStatement ps = source.prepareStatement(MoveStatements.insertMarker(p.marker()))) {
            ps.setLong(1, seq);
            ps.executeUpdate();
        }
        long deadline = System.nanoTime() + PartitionMover.MARKER_WAIT.toNanos();
        try (PreparedStatement ps = target.prepareStatement(MoveStatements.markerSeen(p.marker()))) {
            ps.setLong(1, seq);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new SQLException("the target had not applied the cutover marker after "
                            + PartitionMover.MARKER_WAIT.toSeconds() + " s; is its subscription running?", "57014");
                }
                Thread.onSpinWait();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting for the target", "57014");
                }
            }
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    static void rollbackQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            // The connection is going away; closing it rolls back anyway.
        }
    }

    /** The write locks could not be had within the lock timeout. */
    private static final class LockTimeout extends Exception {
        LockTimeout(String message) {
            super(message);
        }
    }
}
