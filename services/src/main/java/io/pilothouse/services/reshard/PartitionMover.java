package io.pilothouse.services.reshard;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Runs a move from wherever its journal says it stopped: target table, publication, subscription (copy and catch-up
 * run on the servers), cutover, verification, clean-up; and undoes one that has not cut over. Every state reached is
 * journaled before the next step starts, and every step is safe to run again.
 */
public final class PartitionMover {

    /** How long to wait for the write locks before giving up an attempt (the blocked writers resume). */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(3);
    /** Cutover attempts before the move stops with an error (it can be resumed). */
    static final int CUTOVER_ATTEMPTS = 3;
    /** The target must have confirmed all but this much WAL before writes are blocked. */
    static final long CATCH_UP_BYTES = 8L * 1024 * 1024;
    /** Longest wait for the target to apply the marker while writes are blocked. */
    static final Duration MARKER_WAIT = Duration.ofSeconds(20);

    private final ReshardConnections connections;
    private final MoveJournal journal;
    private final Duration poll;
    private final java.util.concurrent.Executor blocking;

    public PartitionMover(ReshardConnections connections, MoveJournal journal, Duration poll) {
        this(connections, journal, poll, java.util.concurrent.ForkJoinPool.commonPool());
    }

    /**
     * @param blocking runs a statement that may wait on the server (the subscription) while the move's thread
     *                 watches and says on what it waits; an I/O pool in the app
     */
    public PartitionMover(ReshardConnections connections, MoveJournal journal, Duration poll,
                          java.util.concurrent.Executor blocking) {
        this.connections = connections;
        this.journal = journal;
        this.poll = poll;
        this.blocking = blocking;
    }

    /**
     * Takes {@code record} to {@link MoveState#DONE}, journaling each state.
     *
     * @param cancelled checked while the copy runs; when true the move stops (resumable) before the cutover
     * @throws ReshardException when a step fails; the journal keeps the state reached and the error
     */
    public MoveRecord run(MoveRecord record, MoveEvents events, BooleanSupplier cancelled) {
        MoveRecord r = record;
        try {
            if (!r.state().finished() && r.state().ordinal() >= MoveState.PUBLISHED.ordinal()) {
                // Only from PUBLISHED on can the target have the subscription (a crash right after creating it).
                r = reattach(r, events);
            }
            while (!r.state().finished()) {
                r = switch (r.state()) {
                    case PLANNED -> createTarget(r, events);
                    case TARGET_CREATED -> publish(r, events);
                    case PUBLISHED -> journal.save(new Subscribing(connections, blocking, poll).run(r, events,
                            cancelled));
                    case SUBSCRIBED -> {
                        awaitCopy(r, events, cancelled);
                        yield r.plan().split() != null ? new SplitCutover(connections, journal, events).run(r)
                                : new Cutover(connections, journal, events).run(r);
                    }
                    case CUTTING_OVER -> r.plan().split() != null
                            ? new SplitCutover(connections, journal, events).settle(r, this)
                            : new Cutover(connections, journal, events).settle(r);
                    case CUT_OVER -> finish(r, events);
                    default -> throw new IllegalStateException("no step after " + r.state());
                };
            }
            return r;
        } catch (ReshardException e) {
            journal.save(r.failed(e.getMessage()));
            // Nothing secret stays in pg_subscription while the move waits to be resumed or rolled back.
            ReplicationRole.park(connections, r.plan(), events);
            throw e;
        }
    }

    /**
     * A move found with its subscription (resumed after a crash or a failure): the role gets a new password, which
     * the journal never kept, and the subscription is pointed at it and enabled again.
     */
    private MoveRecord reattach(MoveRecord r, MoveEvents events) {
        MovePlan p = r.plan();
        try (Connection target = open(p.target(), p.user()); Connection source = open(p.source(), p.user())) {
            if (ReplicationRole.reattach(target, source, p, events, true)) {
                return journal.save(r.advanced(r.state(), "resumed: role " + p.replicationRole() + " on "
                        + p.source().describe() + " given a new password, subscription enabled"));
            }
            return r;
        } catch (SQLException e) {
            throw MovePlanner.failure("reattach the subscription " + p.replicationName(), p.target(), e);
        }
    }

    /** Undoes a move that has not cut over: subscription, slot, publication, target table and markers dropped. */
    public MoveRecord rollBack(MoveRecord record, MoveEvents events) {
        MoveRecord r = record;
        if (r.state() == MoveState.CUTTING_OVER) {
            r = r.plan().split() != null ? new SplitCutover(connections, journal, events).settle(r, this)
                    : new Cutover(connections, journal, events).settle(r);
            if (r.state() == MoveState.ROLLED_BACK) {
                return r;
            }
        }
        if (r.state().pastCutover() || r.state().finished()) {
            throw new ReshardException("Move " + r.id() + " is " + r.state() + ": the coordinator already reads "
                    + r.plan().partition() + " from " + r.plan().target().describe() + "; it cannot be rolled back. "
                    + (r.state() == MoveState.CUT_OVER ? "Resume it to finish." : ""));
        }
        try {
            return new MoveRollback(connections, journal).undo(r, events);
        } catch (ReshardException e) {
            ReplicationRole.park(connections, r.plan(), events);
            throw e;
        }
    }

    /** Drops the kept source table of a finished move. */
    public MoveRecord dropSource(MoveRecord record, MoveEvents events) {
        if (record.plan().split() != null) {
            throw new ReshardException("Split " + record.id() + " keeps no copy of its source: the rows that left "
                    + "were compared with the target before they were deleted.");
        }
        if (record.state() != MoveState.DONE) {
            throw new ReshardException("Move " + record.id() + " is " + record.state() + "; only a finished move's "
                    + "kept source can be dropped.");
        }
        MovePlan p = record.plan();
        ReshardNode node = p.sourceForeign() ? p.source() : p.coordinator();
        QualifiedName kept = p.sourceTable().withName(p.keptName());
        try (Connection c = open(node, p.user())) {
            MoveSql.exec(c, node, events, MoveStatements.dropTable(kept));
        } catch (SQLException e) {
            throw MovePlanner.failure("drop " + kept, node, e);
        }
        return journal.save(record.advanced(MoveState.SOURCE_DROPPED, "dropped " + kept + " on " + node.describe()));
    }

    private MoveRecord createTarget(MoveRecord r, MoveEvents events) {
        MovePlan p = r.plan();
        events.progress(MoveProgress.step(r.state(), "Creating " + p.targetTable() + " on " + p.target().describe()));
        try (Connection target = open(p.target(), p.user())) {
            if (MovePlanner.bool(target, MoveStatements.TABLE_EXISTS, p.targetTable().sql())) {
                if (!empty(target, p.targetTable())) {
                    throw new ReshardException(p.target().describe() + " already has " + p.targetTable()
                            + " with rows; it was not created by move " + p.id() + ". Roll the move back.");
                }
                // Created by this move just before a crash, before the journal said so.
            } else {
                target.setAutoCommit(false);
                for (String sql : p.targetDdl()) {
                    MoveSql.exec(target, p.target(), events, sql);
                }
                target.commit();
                target.setAutoCommit(true);
            }
            MoveSql.exec(target, p.target(), events, MoveStatements.createSchema(MoveStatements.MARKER_SCHEMA));
            MoveSql.exec(target, p.target(), events, MoveStatements.createMarker(p.marker()));
        } catch (SQLException e) {
            throw MovePlanner.failure("create " + p.targetTable(), p.target(), e);
        }
        try (Connection source = open(p.source(), p.user())) {
            MoveSql.exec(source, p.source(), events, MoveStatements.createSchema(MoveStatements.MARKER_SCHEMA));
            MoveSql.exec(source, p.source(), events, MoveStatements.createMarker(p.marker()));
        } catch (SQLException e) {
            throw MovePlanner.failure("create the marker table", p.source(), e);
        }
        return journal.save(r.advanced(MoveState.TARGET_CREATED, "created " + p.targetTable() + " on "
                + p.target().describe()));
    }

    private MoveRecord publish(MoveRecord r, MoveEvents events) {
        MovePlan p = r.plan();
        events.progress(MoveProgress.step(r.state(), "Publishing " + p.sourceTable() + " on " + p.source().describe()));
        try (Connection source = open(p.source(), p.user())) {
            if (p.split() != null) {
                prepareSplitSource(source, p, events);
            }
            if (!MovePlanner.bool(source, MoveStatements.PUBLICATION_EXISTS, p.replicationName())) {
                MoveSql.exec(source, p.source(), events, p.split() != null
                        ? MoveStatements.createSplitPublication(p.replicationName(), p.sourceTable(), p.split(),
                        p.marker())
                        : MoveStatements.createPublication(p.replicationName(), p.sourceTable(), p.marker()));
            }
        } catch (SQLException e) {
            throw MovePlanner.failure("publish " + p.sourceTable(), p.source(), e);
        }
        return journal.save(r.advanced(MoveState.PUBLISHED, "published " + p.sourceTable() + " as "
                + p.replicationName()));
    }

    /** Waits for the initial copy to finish and the catch-up to come within {@link #CATCH_UP_BYTES}. */
    private void awaitCopy(MoveRecord r, MoveEvents events, BooleanSupplier cancelled) {
        MovePlan p = r.plan();
        new CopyWatch(connections, poll).await(p, events, cancelled);
    }

    private MoveRecord finish(MoveRecord record, MoveEvents events) {
        MovePlan p = record.plan();
        // A split compared its moved half inside the cutover; only a move resumed past it lacks a comparison.
        MoveRecord r = record.verification() != null || p.split() != null ? record
                : journal.save(record.withVerification(verifyAfterRestart(p)));
        events.progress(MoveProgress.step(r.state(), "Cleaning up: subscription, publication, markers"));
        try (Connection target = open(p.target(), p.user())) {
            MoveSql.exec(target, p.target(), events, MoveStatements.dropSubscription(p.replicationName()));
            MoveSql.exec(target, p.target(), events, MoveStatements.dropTable(p.marker()));
        } catch (SQLException e) {
            throw MovePlanner.failure("drop the subscription", p.target(), e);
        }
        try (Connection source = open(p.source(), p.user())) {
            MoveSql.exec(source, p.source(), events, MoveStatements.dropPublication(p.replicationName()));
            MoveSql.exec(source, p.source(), events, MoveStatements.dropTable(p.marker()));
            undoSplitHelpers(source, p, events);
            ReplicationRole.drop(source, p, events);
        } catch (SQLException e) {
            throw MovePlanner.failure("drop the publication", p.source(), e);
        }
        if (p.split() != null) {
            return journal.save(r.advanced(MoveState.DONE, "done; " + p.partition() + " holds "
                    + p.split().remainder() + " mod " + p.split().newModulus() + ", " + p.split().newPartition()
                    + " holds " + p.split().movedRemainder() + " mod " + p.split().newModulus() + " on "
                    + p.target().describe()));
        }
        return journal.save(r.advanced(MoveState.DONE, "done; " + p.sourceTable().withName(p.keptName())
                + " kept on " + (p.sourceForeign() ? p.source() : p.coordinator()).describe()
                + " until dropped"));
    }

    /** Compares kept source and target after a restart past the cutover: the target may have newer rows by now. */
    private Verification verifyAfterRestart(MovePlan p) {
        ReshardNode kept = p.sourceForeign() ? p.source() : p.coordinator();
        try (Connection source = open(kept, p.user()); Connection target = open(p.target(), p.user())) {
            return Verifier.compare(source, p.sourceTable().withName(p.keptName()), target, p.targetTable(),
                    "compared after a restart, not as of the cutover: rows written through the coordinator since "
                            + "then are on the target only");
        } catch (SQLException e) {
            throw MovePlanner.failure("compare source and target", p.target(), e);
        }
    }

    /** A split's source: the hash helper table and, when needed, a replica identity covering the partition key. */
    private static void prepareSplitSource(Connection source, MovePlan p, MoveEvents events) throws SQLException {
        SplitSpec split = p.split();
        if (split.helperCreated()) {
            MoveSql.exec(source, p.source(), events, MoveStatements.createSchema(MoveStatements.MARKER_SCHEMA));
            MoveSql.exec(source, p.source(), events, MoveStatements.createHashHelper(split));
        }
        if (split.identityIndex() != null) {
            MoveSql.exec(source, p.source(), events, MoveStatements.createIdentityIndex(p.sourceTable(), split));
            MoveSql.exec(source, p.source(), events, MoveStatements.identityUsing(p.sourceTable(), split));
        }
    }

    static void undoSplitHelpers(Connection source, MovePlan p, MoveEvents events) throws SQLException {
        SplitSpec split = p.split();
        if (split == null) {
            return;
        }
        if (split.identityIndex() != null) {
            if (MovePlanner.bool(source, MoveStatements.TABLE_EXISTS, p.sourceTable().sql())) {
                MoveSql.exec(source, p.source(), events, MoveStatements.identityDefault(p.sourceTable()));
            }
            MoveSql.exec(source, p.source(), events, MoveStatements.dropIndex(p.sourceTable().schema(),
                    split.identityIndex()));
        }
        if (split.helperCreated()) {
            MoveSql.exec(source, p.source(), events, MoveStatements.dropTable(split.hashParent()));
        }
    }

    static boolean empty(Connection c, QualifiedName table) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + table.sql() + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private Connection open(ReshardNode node, String user) throws SQLException {
        return connections.open(node, user);
    }


}
