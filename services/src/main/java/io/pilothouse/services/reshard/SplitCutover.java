package io.pilothouse.services.reshard;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The cutover of a split. With writes blocked as for a move and the marker applied on the target, the moved half is
 * compared (count and checksum) on both sides — a mismatch stops here with nothing changed; then the subscription
 * is dropped, the received table renamed to the new partition's name, the moved rows deleted from the source, and in
 * one coordinator transaction the partition re-attached with the doubled modulus and the new half attached as a
 * foreign table on the target. The coordinator commits before the source, so an interruption in between leaves
 * rows only duplicated (the delete is redone on resume), never lost.
 */
final class SplitCutover {

    private final ReshardConnections connections;
    private final MoveJournal journal;
    private final MoveEvents events;

    SplitCutover(ReshardConnections connections, MoveJournal journal, MoveEvents events) {
        this.connections = connections;
        this.journal = journal;
        this.events = events;
    }

    /** The cutover's statements, for the preview. */
    static List<String> statements(MovePlan p) {
        SplitSpec s = p.split();
        List<String> lines = new ArrayList<>(WriteBlock.statements(p));
        lines.add("-- compare: " + MoveStatements.checksumMovedHalf(p.sourceTable(), s) + " on the source, "
                + MoveStatements.checksum(p.targetTable()) + " on the target");
        lines.add("-- on the target: " + MoveStatements.dropSubscription(p.replicationName()) + "; "
                + MoveStatements.rename(p.targetTable(), s.newRemote().name()));
        lines.add((p.sourceForeign() ? "-- on the source: " : "") + MoveStatements.deleteMovedHalf(p.sourceTable(), s));
        lines.addAll(coordinatorStatements(p));
        lines.add("COMMIT");
        if (p.sourceForeign()) {
            lines.add("-- on the source: COMMIT");
        }
        return lines;
    }

    private static List<String> coordinatorStatements(MovePlan p) {
        SplitSpec s = p.split();
        List<String> sql = new ArrayList<>();
        sql.add(MoveStatements.detach(p.parent(), p.partition()));
        sql.add(MoveStatements.attachHash(p.parent(), p.partition(), s.newModulus(), s.remainder()));
        sql.add(MoveStatements.createForeignPartition(s.newPartition(), p.parent(),
                MoveStatements.hashBound(s.newModulus(), s.movedRemainder()), p.targetServer(), s.newRemote()));
        for (String grant : p.partitionGrants()) {
            sql.add(grant.replace(" ON TABLE " + p.partition().sql() + " ", " ON TABLE " + s.newPartition().sql() + " "));
        }
        return sql;
    }

    MoveRecord run(MoveRecord record) {
        MovePlan p = record.plan();
        SplitSpec s = p.split();
        events.progress(MoveProgress.step(MoveState.SUBSCRIBED, "Cutover: blocking writes to " + p.parent()));
        boolean switching = false;
        try (WriteBlock block = WriteBlock.open(connections, p)) {
            try {
                block.block(events, 1);
                for (String sql : MoveStatements.CANONICAL_TEXT) {
                    MoveSql.exec(block.sourceTx(), p.source(), MoveEvents.NONE, sql);
                }
                String[] there = checksum(block.snapshot, MoveStatements.checksum(p.targetTable()));
                String[] here = checksum(block.sourceTx(), MoveStatements.checksumMovedHalf(p.sourceTable(), s));
                block.snapshot.commit();
                Verification v = new Verification(Long.parseLong(here[0]), here[1], Long.parseLong(there[0]),
                        there[1], null);
                if (!v.matched()) {
                    throw new ReshardException("The rows that would leave " + p.sourceTable() + " (" + v.sourceRows()
                            + ", checksum " + v.sourceChecksum() + ") differ from what " + p.target().describe()
                            + " received (" + v.targetRows() + ", checksum " + v.targetChecksum() + "); nothing was "
                            + "changed. Roll the split back and try again.");
                }
                switching = true;
                journal.save(record.advanced(MoveState.CUTTING_OVER, "writes blocked; the moved half matched"));
                MoveSql.exec(block.target, p.target(), events,
                        MoveStatements.dropSubscription(p.replicationName()));
                MoveSql.exec(block.target, p.target(), events, MoveStatements.rename(p.targetTable(),
                        s.newRemote().name()));
                MoveSql.exec(block.sourceTx(), p.source(), events,
                        MoveStatements.deleteMovedHalf(p.sourceTable(), s));
                for (String sql : coordinatorStatements(p)) {
                    MoveSql.exec(block.coordinator, p.coordinator(), events, sql);
                }
                block.coordinator.commit();
                CutoverFigures figures = block.committed(1);
                MoveRecord cut = journal.save(record.advanced(MoveState.CUT_OVER, "split committed on the coordinator "
                        + "(writes blocked " + figures.blockedMillis() + " ms)").withCutover(figures)
                        .withVerification(v));
                switching = false;
                if (p.sourceForeign()) {
                    block.sourceTx().commit();
                }
                return cut;
            } catch (SQLException e) {
                block.rollback();
                if (switching) {
                    journal.save(record.advanced(MoveState.CUTTING_OVER, "split cutover failed: " + e.getMessage())
                            .failed(e.getMessage()));
                    throw new ReshardException("The split's cutover failed after the subscription was dropped and "
                            + "was rolled back on the coordinator and the source: " + e.getMessage()
                            + ". Roll the split back (the received rows on the target are dropped) and start again.",
                            e);
                }
                throw new ReshardException("The split's cutover failed and was rolled back (nothing changed): "
                        + e.getMessage() + ". Resume to try again, or roll the split back.", e);
            }
        } catch (SQLException e) {
            throw new ReshardException("Could not open the cutover's connections: " + e.getMessage()
                    + "; is every node up? Resume when they are.", e);
        }
    }

    /**
     * After a restart in {@link MoveState#CUTTING_OVER}: committed on the coordinator (the new partition exists) →
     * the delete on the source is redone if it did not commit; not committed → the split cannot go on without its
     * subscription and is rolled back.
     */
    MoveRecord settle(MoveRecord record, PartitionMover mover) {
        MovePlan p = record.plan();
        boolean committed;
        try (Connection coordinator = connections.open(p.coordinator(), p.user())) {
            committed = MovePlanner.bool(coordinator, MoveStatements.TABLE_EXISTS, p.split().newPartition().sql());
        } catch (SQLException e) {
            throw MovePlanner.failure("read whether the split committed", p.coordinator(), e);
        }
        if (!committed) {
            // Without its subscription the split cannot go on: undone like a move.
            return mover.rollBack(record.advanced(MoveState.SUBSCRIBED, "the interrupted split had not "
                    + "committed on the coordinator"), events);
        }
        if (p.sourceForeign()) {
            try (Connection source = connections.open(p.source(), p.user())) {
                MoveSql.exec(source, p.source(), events, MoveStatements.deleteMovedHalf(p.sourceTable(),
                        p.split()));
            } catch (SQLException e) {
                throw MovePlanner.failure("delete the moved half", p.source(), e);
            }
        }
        return journal.save(record.advanced(MoveState.CUT_OVER, "the interrupted split had committed"));
    }

    private static String[] checksum(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }
}
