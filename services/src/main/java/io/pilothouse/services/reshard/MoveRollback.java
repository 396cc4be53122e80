package io.pilothouse.services.reshard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Undoes a move that has not cut over: the subscription, its slot, the publication, the target table, the markers,
 * a split's helpers and the move's role are dropped; the source table is left as it was. Each drop is safe to run
 * again, so a rollback interrupted half-way is finished by running it again.
 */
final class MoveRollback {

    private final ReshardConnections connections;
    private final MoveJournal journal;

    MoveRollback(ReshardConnections connections, MoveJournal journal) {
        this.connections = connections;
        this.journal = journal;
    }

    MoveRecord undo(MoveRecord r, MoveEvents events) {
        MovePlan p = r.plan();
        events.progress(MoveProgress.step(r.state(), "Rolling back move " + p.id()));
        try (Connection target = open(p.target(), p.user()); Connection source = open(p.source(), p.user())) {
            // DROP SUBSCRIPTION logs in to the source to drop its slot: as the role, which a failed run dropped.
            ReplicationRole.reattach(target, source, p, events, false);
            MoveSql.exec(target, p.target(), events, MoveStatements.dropSubscription(p.replicationName()));
            dropCreatedTable(target, p, r.state(), events);
            if (p.split() != null) {
                MoveSql.exec(target, p.target(), events, MoveStatements.dropTable(p.split().newRemote()));
            }
            MoveSql.exec(target, p.target(), events, MoveStatements.dropTable(p.marker()));
        } catch (SQLException e) {
            throw saved(r, MovePlanner.failure("roll back on the target", p.target(), e));
        }
        try (Connection source = open(p.source(), p.user())) {
            MoveSql.exec(source, p.source(), events, MoveStatements.dropPublication(p.replicationName()));
            if (MovePlanner.bool(source, MoveStatements.SLOT_EXISTS, p.replicationName())) {
                try (PreparedStatement ps = source.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                    ps.setString(1, p.replicationName());
                    ps.execute();
                }
                events.ran(p.source(), "SELECT pg_drop_replication_slot('" + p.replicationName() + "')");
            }
            MoveSql.exec(source, p.source(), events, MoveStatements.dropTable(p.marker()));
            PartitionMover.undoSplitHelpers(source, p, events);
            ReplicationRole.drop(source, p, events);
        } catch (SQLException e) {
            throw saved(r, MovePlanner.failure("roll back on the source", p.source(), e));
        }
        return journal.save(r.advanced(MoveState.ROLLED_BACK, "rolled back; " + p.sourceTable() + " on "
                + p.source().describe() + " untouched"));
    }

    private void dropCreatedTable(Connection target, MovePlan p, MoveState state, MoveEvents events)
            throws SQLException {
        if (!MovePlanner.bool(target, MoveStatements.TABLE_EXISTS, p.targetTable().sql())) {
            return;
        }
        if (state == MoveState.PLANNED && !PartitionMover.empty(target, p.targetTable())) {
            return; // Not ours: the move never got as far as creating it.
        }
        MoveSql.exec(target, p.target(), events, MoveStatements.dropTable(p.targetTable()));
    }

    private ReshardException saved(MoveRecord r, ReshardException e) {
        journal.save(r.failed(e.getMessage()));
        return e;
    }

    private Connection open(ReshardNode node, String user) throws SQLException {
        return connections.open(node, user);
    }
}
