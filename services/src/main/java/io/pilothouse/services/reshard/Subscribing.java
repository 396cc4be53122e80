package io.pilothouse.services.reshard;

import io.pilothouse.services.postgres.LockWaits;
import io.pilothouse.services.postgres.WaitingStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The move's subscription step: {@code CREATE SUBSCRIPTION} on the target, whose walsender on the source creates
 * the logical slot. Creating the slot waits until every transaction open on the source has ended — a prepared
 * (2PC) transaction or a long-open session blocks it for as long as it stays. So the step says on what it waits,
 * read on the source from {@code pg_locks} (the walsender carries the subscription's name), and a cancelled move
 * cancels the statement and the walsender instead of waiting on; the move stays published, to resume or roll back.
 */
final class Subscribing {

    static final String CANCEL_WALSENDER = "SELECT pg_cancel_backend(pid) FROM pg_stat_activity "
            + "WHERE backend_type = 'walsender' AND application_name = ?";

    private final ReshardConnections connections;
    private final Executor blocking;
    private final Duration poll;

    Subscribing(ReshardConnections connections, Executor blocking, Duration poll) {
        this.connections = connections;
        this.blocking = blocking;
        this.poll = poll;
    }

    MoveRecord run(MoveRecord r, MoveEvents events, BooleanSupplier cancelled) {
        MovePlan p = r.plan();
        String step = "Subscribing " + p.target().describe() + " to " + p.replicationName();
        events.progress(MoveProgress.step(r.state(), step));
        try (Connection target = connections.open(p.target(), p.user());
             Connection source = connections.open(p.source(), p.user())) {
            if (!MovePlanner.bool(target, MoveStatements.SUBSCRIPTION_EXISTS, p.replicationName())) {
                char[] password = ReplicationRole.prepare(source, p, events);
                WaitingStatement.Outcome outcome;
                try (Statement st = target.createStatement()) {
                    // The connection string carries the one-time password: not into the target's log. This
                    // connection ends with this step, so the settings are not reset.
                    for (String quiet : MoveStatements.SECRET_STATEMENT_QUIET) {
                        st.execute(quiet);
                    }
                    outcome = new WaitingStatement(blocking, WaitingStatement.DEFAULT_THRESHOLD, watchPoll()).execute(
                            st, MoveStatements.createSubscription(p.replicationName(),
                                    SubscriptionConnection.conninfo(p, password)),
                            () -> waitOf(source, p), cancelled, what -> events.waiting(r.state(), step, what));
                } finally {
                    java.util.Arrays.fill(password, '\0');
                }
                if (outcome == WaitingStatement.Outcome.CANCELLED) {
                    cancelWalsender(source, p);
                    throw new ReshardException("Move " + p.id() + " cancelled while " + step + ": the subscription "
                            + "was not created. The move stays published; resume it once what it waited on is "
                            + "resolved, or roll it back.");
                }
                events.ran(p.target(), SubscriptionConnection.subscriptionPreview(p));
            }
        } catch (SQLException e) {
            ReshardException failure = MovePlanner.failure("subscribe to " + p.source().describe(), p.target(), e);
            throw SubscriptionConnection.tlsHint(p, e.getMessage()).map(hint -> new ReshardException(failure.getMessage()
                    + hint, e)).orElse(failure);
        }
        return r.advanced(MoveState.SUBSCRIBED, "subscribed as role " + p.replicationRole() + " (created on the source "
                + "for this move, one-time password); the copy runs on the servers");
    }

    /** Polls at least once a second so a wait is told promptly, but not faster than the move's own poll. */
    private Duration watchPoll() {
        return poll.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : poll.multipliedBy(5);
    }

    private static Optional<String> waitOf(Connection source, MovePlan p) throws SQLException {
        return LockWaits.ofApplication(source, p.replicationName()).stream().findFirst()
                .map(w -> w.describe() + " — " + w.wayOut());
    }

    private static void cancelWalsender(Connection source, MovePlan p) {
        try (PreparedStatement ps = source.prepareStatement(CANCEL_WALSENDER)) {
            ps.setString(1, p.replicationName());
            ps.execute();
        } catch (SQLException e) {
            // The walsender ends by itself once its subscriber has gone; the slot it was creating is temporary.
            org.slf4j.LoggerFactory.getLogger(Subscribing.class).warn("Could not cancel the walsender {} on {}: {}",
                    p.replicationName(), p.source().describe(), e.getMessage());
        }
    }
}
