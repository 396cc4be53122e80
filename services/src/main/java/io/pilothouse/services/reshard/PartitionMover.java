package io.pilothouse.services.reshard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            return undo(r, events);
        } catch (ReshardException e) {
            ReplicationRole.park(connections, r.plan(), events);
            throw e;
        }
    }

    private MoveRecord undo(MoveRecord r, MoveEvents events) {
        MovePlan p = r.plan();
        events.progress(MoveProgress.step(r.state(), "Rolling back move " + p.id()));
        try (Connection target = open(p.target(), p.user()); Connection source = open(p.source(), p.user())) {
            // DROP SUBSCRIPTION logs in to the source to drop its slot: as the role, which a failed run dropped.
            ReplicationRole.reattach(target, source, p, events, false);
            exec(target, p.target(), events, MoveStatements.dropSubscription(p.replicationName()));
            dropCreatedTable(target, p, r.state(), events);
            if (p.split() != null) {
                exec(target, p.target(), events, MoveStatements.dropTable(p.split().newRemote()));
            }
            exec(target, p.target(), events, MoveStatements.dropTable(p.marker()));
        } catch (SQLException e) {
            throw saved(r, MovePlanner.failure("roll back on the target", p.target(), e));
        }
        try (Connection source = open(p.source(), p.user())) {
            exec(source, p.source(), events, MoveStatements.dropPublication(p.replicationName()));
            if (MovePlanner.bool(source, MoveStatements.SLOT_EXISTS, p.replicationName())) {
                try (PreparedStatement ps = source.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                    ps.setString(1, p.replicationName());
                    ps.execute();
                }
                events.ran(p.source(), "SELECT pg_drop_replication_slot('" + p.replicationName() + "')");
            }
            exec(source, p.source(), events, MoveStatements.dropTable(p.marker()));
            undoSplitHelpers(source, p, events);
            ReplicationRole.drop(source, p, events);
        } catch (SQLException e) {
            throw saved(r, MovePlanner.failure("roll back on the source", p.source(), e));
        }
        return journal.save(r.advanced(MoveState.ROLLED_BACK, "rolled back; " + p.sourceTable() + " on "
                + p.source().describe() + " untouched"));
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
            exec(c, node, events, MoveStatements.dropTable(kept));
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
                    exec(target, p.target(), events, sql);
                }
                target.commit();
                target.setAutoCommit(true);
            }
            exec(target, p.target(), events, MoveStatements.createSchema(MoveStatements.MARKER_SCHEMA));
            exec(target, p.target(), events, MoveStatements.createMarker(p.marker()));
        } catch (SQLException e) {
            throw MovePlanner.failure("create " + p.targetTable(), p.target(), e);
        }
        try (Connection source = open(p.source(), p.user())) {
            exec(source, p.source(), events, MoveStatements.createSchema(MoveStatements.MARKER_SCHEMA));
            exec(source, p.source(), events, MoveStatements.createMarker(p.marker()));
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
                exec(source, p.source(), events, p.split() != null
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

    /** The subscription statement as previews and the audit show it: the password replaced. */
    static String subscriptionPreview(MovePlan p) {
        return MoveStatements.createSubscription(p.replicationName(),
                conninfo(p, ReplicationRole.MASK.toCharArray()));
    }

    /** The source as the subscription reaches it: as the move's own role; no password key when null. */
    static String conninfo(MovePlan p, char[] password) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("host", p.source().host());
        parameters.put("port", Integer.toString(p.source().port()));
        parameters.put("dbname", p.source().database());
        parameters.put("user", p.replicationRole());
        if (password != null) {
            parameters.put("password", new String(password));
        }
        parameters.put("application_name", p.replicationName());
        subscriptionTls(p.source(), p.target()).ifPresent(parameters::putAll);
        return MoveStatements.conninfo(parameters);
    }

    /**
     * The TLS options the subscription on {@code target} reaches {@code source} with: those of the coordinator's
     * foreign server for the source, or, when the source is the coordinator itself (which has no foreign server),
     * those of the foreign server for the target (the same estate's CA). File paths are as the servers see them.
     * Empty when neither sets an sslmode: libpq's default then applies.
     */
    /**
     * When the subscription's TLS failed ({@code SSL error: …}, a certificate): what it used and how to change it.
     * The options are the plan's (journaled when it was made), so a resume keeps them; fixing them means a new plan.
     */
    static java.util.Optional<String> tlsHint(MovePlan p, String error) {
        if (error == null || !(error.contains("SSL") || error.contains("certificate"))) {
            return java.util.Optional.empty();
        }
        String used = subscriptionTls(p.source(), p.target()).map(Map::toString).orElse("none (libpq's defaults)");
        return java.util.Optional.of(". The subscription used the TLS options of the coordinator's foreign server "
                + "as planned: " + used + "; fix them on the foreign server (ALTER SERVER … OPTIONS (SET sslrootcert "
                + "…)), with files the target's server user can read, then roll this move back (pilothouse reshard "
                + "rollback --move " + p.id() + ") and move again: a resume keeps the planned options");
    }

    static java.util.Optional<Map<String, String>> subscriptionTls(ReshardNode source, ReshardNode target) {
        Map<String, String> tls = source.tls().containsKey("sslmode") ? source.tls() : target.tls();
        return tls.containsKey("sslmode") ? java.util.Optional.of(tls) : java.util.Optional.empty();
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
            exec(target, p.target(), events, MoveStatements.dropSubscription(p.replicationName()));
            exec(target, p.target(), events, MoveStatements.dropTable(p.marker()));
        } catch (SQLException e) {
            throw MovePlanner.failure("drop the subscription", p.target(), e);
        }
        try (Connection source = open(p.source(), p.user())) {
            exec(source, p.source(), events, MoveStatements.dropPublication(p.replicationName()));
            exec(source, p.source(), events, MoveStatements.dropTable(p.marker()));
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
            exec(source, p.source(), events, MoveStatements.createSchema(MoveStatements.MARKER_SCHEMA));
            exec(source, p.source(), events, MoveStatements.createHashHelper(split));
        }
        if (split.identityIndex() != null) {
            exec(source, p.source(), events, MoveStatements.createIdentityIndex(p.sourceTable(), split));
            exec(source, p.source(), events, MoveStatements.identityUsing(p.sourceTable(), split));
        }
    }

    private static void undoSplitHelpers(Connection source, MovePlan p, MoveEvents events) throws SQLException {
        SplitSpec split = p.split();
        if (split == null) {
            return;
        }
        if (split.identityIndex() != null) {
            if (MovePlanner.bool(source, MoveStatements.TABLE_EXISTS, p.sourceTable().sql())) {
                exec(source, p.source(), events, MoveStatements.identityDefault(p.sourceTable()));
            }
            exec(source, p.source(), events, MoveStatements.dropIndex(p.sourceTable().schema(),
                    split.identityIndex()));
        }
        if (split.helperCreated()) {
            exec(source, p.source(), events, MoveStatements.dropTable(split.hashParent()));
        }
    }

    private void dropCreatedTable(Connection target, MovePlan p, MoveState state, MoveEvents events)
            throws SQLException {
        if (!MovePlanner.bool(target, MoveStatements.TABLE_EXISTS, p.targetTable().sql())) {
            return;
        }
        if (state == MoveState.PLANNED && !empty(target, p.targetTable())) {
            return; // Not ours: the move never got as far as creating it.
        }
        exec(target, p.target(), events, MoveStatements.dropTable(p.targetTable()));
    }

    private static boolean empty(Connection c, QualifiedName table) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + table.sql() + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private ReshardException saved(MoveRecord r, ReshardException e) {
        journal.save(r.failed(e.getMessage()));
        return e;
    }

    private Connection open(ReshardNode node, String user) throws SQLException {
        return connections.open(node, user);
    }

    static void exec(Connection c, ReshardNode node, MoveEvents events, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
        events.ran(node, sql);
    }

    /** Statements a plan will run, step by step, for the preview (the subscription's password replaced). */
    public static List<String> preview(MovePlan p) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("-- 1. on the target " + p.target().describe());
        lines.addAll(p.targetDdl());
        lines.add(MoveStatements.createSchema(MoveStatements.MARKER_SCHEMA));
        lines.add(MoveStatements.createMarker(p.marker()));
        lines.add("-- 2. on the source " + p.source().describe());
        lines.add(MoveStatements.createSchema(MoveStatements.MARKER_SCHEMA));
        lines.add(MoveStatements.createMarker(p.marker()));
        if (p.split() != null) {
            if (p.split().helperCreated()) {
                lines.add(MoveStatements.createHashHelper(p.split()));
            }
            if (p.split().identityIndex() != null) {
                lines.add(MoveStatements.createIdentityIndex(p.sourceTable(), p.split()));
                lines.add(MoveStatements.identityUsing(p.sourceTable(), p.split()));
            }
            lines.add(MoveStatements.createSplitPublication(p.replicationName(), p.sourceTable(), p.split(),
                    p.marker()));
        } else {
            lines.add(MoveStatements.createPublication(p.replicationName(), p.sourceTable(), p.marker()));
        }
        lines.add("-- 3. on the source, a role for this move only; on the target, copy and stream as it");
        lines.add(MoveStatements.createReplicationRole(p.replicationRole(), ReplicationRole.MASK));
        lines.addAll(ReplicationRole.grants(p));
        lines.add(subscriptionPreview(p));
        lines.add("-- 4. cutover: writes blocked on the coordinator " + p.coordinator().describe()
                + (p.sourceForeign() ? " and on the source" : "") + ", until the target has the marker");
        if (p.split() != null) {
            lines.addAll(SplitCutover.statements(p));
            lines.add("-- 5. clean up");
            lines.add(MoveStatements.dropPublication(p.replicationName()));
            lines.add(MoveStatements.dropOwned(p.replicationRole()));
            lines.add(MoveStatements.dropRole(p.replicationRole()));
            return lines;
        }
        lines.addAll(Cutover.statements(p));
        lines.add("-- 5. verify count and checksum on both sides, then clean up");
        lines.add(MoveStatements.checksum(p.sourceTable().withName(p.keptName())));
        lines.add(MoveStatements.dropSubscription(p.replicationName()));
        lines.add(MoveStatements.dropPublication(p.replicationName()));
        lines.add(MoveStatements.dropOwned(p.replicationRole()));
        lines.add(MoveStatements.dropRole(p.replicationRole()));
        lines.add("-- the source is kept as " + p.sourceTable().withName(p.keptName()) + " until you drop it");
        return lines;
    }
}
