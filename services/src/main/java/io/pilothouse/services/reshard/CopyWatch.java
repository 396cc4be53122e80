package io.pilothouse.services.reshard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Follows the copy the servers run (the target's table sync worker, then its apply worker) and reports rows, bytes,
 * lag and an ETA, until the target is within {@link PartitionMover#CATCH_UP_BYTES} of the source.
 */
final class CopyWatch {

    private final ReshardConnections connections;
    private final Duration poll;

    CopyWatch(ReshardConnections connections, Duration poll) {
        this.connections = connections;
        this.poll = poll;
    }

    void await(MovePlan p, MoveEvents events, BooleanSupplier cancelled) {
        String copying = "Copying " + p.sourceTable() + " from " + p.source().label() + " to " + p.target().label();
        long started = System.nanoTime();
        long rowsCopied = 0;
        try (Connection target = connections.open(p.target(), p.user());
             Connection source = connections.open(p.source(), p.user())) {
            while (true) {
                if (cancelled.getAsBoolean()) {
                    throw new ReshardException("Move " + p.id() + " stopped before the cutover at your request; the "
                            + "subscription is paused and its one-time role dropped until you resume the move or roll "
                            + "it back.");
                }
                int errors = errors(target, p);
                if (errors > 0) {
                    throw new ReshardException("Replication into " + p.targetTable() + " on " + p.target().describe()
                            + " failed " + errors + " time(s) (pg_stat_subscription_stats); that server's log says "
                            + "why. Fix the cause and resume the move, or roll it back.");
                }
                boolean ready = MovePlanner.bool(target, MoveStatements.ALL_READY, p.replicationName());
                if (!ready) {
                    long[] figures = copyFigures(target, p);
                    rowsCopied = Math.max(rowsCopied, figures[0]);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    Duration eta = rowsCopied > 0 && p.sourceRows() > rowsCopied && seconds > 0.5
                            ? Duration.ofMillis((long) ((p.sourceRows() - rowsCopied) / (rowsCopied / seconds) * 1000))
                            : null;
                    events.progress(new MoveProgress(MoveState.SUBSCRIBED, copying, rowsCopied, p.sourceRows(),
                            figures[1], p.sourceBytes(), -1, eta));
                } else {
                    long lag = lag(source, p);
                    events.progress(new MoveProgress(MoveState.SUBSCRIBED, "Catching up: the target applies the "
                            + "changes made during the copy", p.sourceRows(), p.sourceRows(), -1, p.sourceBytes(),
                            lag, Duration.ZERO));
                    if (lag >= 0 && lag <= PartitionMover.CATCH_UP_BYTES) {
                        return;
                    }
                }
                Thread.sleep(poll.toMillis());
            }
        } catch (SQLException e) {
            throw new ReshardException("Lost track of the copy of " + p.sourceTable() + ": " + e.getMessage()
                    + ". The subscription is paused if the target could be reached; resume the move when both nodes "
                    + "answer.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReshardException("Move " + p.id() + " interrupted before the cutover; resume or roll it back.");
        }
    }

    private static int errors(Connection target, MovePlan p) throws SQLException {
        String n = MovePlanner.single(target, MoveStatements.SUBSCRIPTION_ERRORS, p.replicationName());
        return n == null ? 0 : Integer.parseInt(n);
    }

    /** Rows and bytes the table sync worker's COPY has processed, 0 when not copying (yet or any more). */
    private static long[] copyFigures(Connection target, MovePlan p) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement(MoveStatements.COPY_STATE)) {
            ps.setString(1, p.replicationName());
            ps.setString(2, p.targetTable().sql());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new long[] {0, 0};
                }
                return new long[] {rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    /** WAL bytes the subscription has not confirmed, -1 when the slot is not there yet. */
    private static long lag(Connection source, MovePlan p) throws SQLException {
        String lag = MovePlanner.single(source, MoveStatements.SLOT_LAG, p.replicationName());
        return lag == null ? -1 : Long.parseLong(lag);
    }
}
