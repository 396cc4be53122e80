package io.pilothouse.services.reshard;

import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The role a move's subscription logs in to the source as, so the operator's (superuser's) password never reaches
 * the target's {@code pg_subscription.subconninfo}: {@code LOGIN REPLICATION}, a one-time password from
 * {@link SecureRandom}, {@code USAGE} on the two schemas and {@code SELECT} on the two tables the publication carries
 * (what the table sync's {@code COPY} reads; the walsender decodes as a replication role and needs no more), and
 * nothing else. It is named after the move ({@code ph_move_<id>}, see {@link MovePlan#replicationRole()}), so the
 * journal knows it without keeping its password; a move resumed after a crash or a failure sets a new password and
 * points the subscription at it ({@link #reattach}). It is dropped once the subscription is gone (the move done or
 * rolled back), and when a run fails ({@link #park}): the subscription is disabled and its password removed first.
 *
 * <p>The server gets the password only as a SCRAM-SHA-256 verifier computed here ({@code PASSWORD 'SCRAM-SHA-256$…'}
 * is stored as given), so the statement that creates the role, if the server logs it, shows no password. The only
 * place the password itself is written is the subscription's connection string, and only while the move runs.
 */
final class ReplicationRole {

    /** What previews, the audit and the statement log show in place of a password or verifier. */
    static final String MASK = "********";

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationRole.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PASSWORD_BYTES = 24;
    private static final java.time.Duration WORKERS_STOP = java.time.Duration.ofSeconds(10);

    private ReplicationRole() {
    }

    /**
     * Creates the move's role on the source (or, when it is already there, gives it a new password) with the grants
     * the copy needs, and returns the password. The caller wipes the array.
     */
    static char[] prepare(Connection source, MovePlan p, MoveEvents events) throws SQLException {
        String role = p.replicationRole();
        char[] password = generatePassword();
        boolean exists = MovePlanner.bool(source, MoveStatements.ROLE_EXISTS, role);
        char[] copy = password.clone();
        String verifier = PasswordUtil.encodeScramSha256(copy);
        Arrays.fill(copy, '\0');
        run(source, exists ? MoveStatements.alterReplicationRole(role, verifier)
                : MoveStatements.createReplicationRole(role, verifier));
        events.ran(p.source(), exists ? MoveStatements.alterReplicationRole(role, MASK)
                : MoveStatements.createReplicationRole(role, MASK));
        for (String sql : grants(p)) {
            MoveSql.exec(source, p.source(), events, sql);
        }
        return password;
    }

    /** The grants the copy needs: the schemas and tables of the publication, read-only. */
    static java.util.List<String> grants(MovePlan p) {
        String role = p.replicationRole();
        java.util.Set<String> schemas = new java.util.LinkedHashSet<>();
        schemas.add(p.sourceTable().schema());
        schemas.add(p.marker().schema());
        java.util.List<String> out = new java.util.ArrayList<>();
        schemas.forEach(s -> out.add(MoveStatements.grantUsage(s, role)));
        out.add(MoveStatements.grant(p.sourceTable(), "SELECT", role));
        out.add(MoveStatements.grant(p.marker(), "SELECT", role));
        return out;
    }

    /**
     * When the target has the move's subscription (a resumed or rolled-back move), gives the role a new password and
     * points the subscription at it; {@code enable} also restarts a subscription {@link #park} disabled.
     *
     * @return true when there was a subscription to reattach
     */
    static boolean reattach(Connection target, Connection source, MovePlan p, MoveEvents events, boolean enable)
            throws SQLException {
        if (!MovePlanner.bool(target, MoveStatements.SUBSCRIPTION_EXISTS, p.replicationName())) {
            return false;
        }
        char[] password = prepare(source, p, events);
        try {
            run(target, MoveStatements.alterSubscriptionConnection(p.replicationName(),
                    SubscriptionConnection.conninfo(p, password)));
        } finally {
            Arrays.fill(password, '\0');
        }
        events.ran(p.target(), MoveStatements.alterSubscriptionConnection(p.replicationName(),
                SubscriptionConnection.conninfo(p, MASK.toCharArray())));
        if (enable) {
            try (java.sql.PreparedStatement ps = target.prepareStatement(MoveStatements.RESET_SUBSCRIPTION_ERRORS)) {
                ps.setString(1, p.replicationName());
                ps.execute();
            }
            events.ran(p.target(), MoveStatements.RESET_SUBSCRIPTION_ERRORS.replace("?", "'" + p.replicationName()
                    + "'"));
            MoveSql.exec(target, p.target(), events, MoveStatements.enableSubscription(p.replicationName()));
        }
        return true;
    }

    /**
     * After a failed run: the subscription (if any) disabled and left without a password, the role dropped. The
     * move stays resumable ({@link #reattach}) or can be rolled back. Best effort: what cannot be done is logged and
     * the role is dropped at the latest when the move finishes or is rolled back.
     */
    static void park(ReshardConnections connections, MovePlan p, MoveEvents events) {
        try (Connection target = connections.open(p.target(), p.user())) {
            if (MovePlanner.bool(target, MoveStatements.SUBSCRIPTION_EXISTS, p.replicationName())) {
                MoveSql.exec(target, p.target(), events,
                        MoveStatements.disableSubscription(p.replicationName()));
                MoveSql.exec(target, p.target(), events, MoveStatements.alterSubscriptionConnection(
                        p.replicationName(), SubscriptionConnection.conninfo(p, null)));
                awaitWorkersStopped(target, p);
            }
        } catch (SQLException e) {
            LOG.warn("Could not disable the subscription {} on {} after move {} stopped: {}", p.replicationName(),
                    p.target().describe(), p.id(), e.getMessage());
            return; // Dropping the role under a live subscription would only make it fail on and on.
        }
        try (Connection source = connections.open(p.source(), p.user())) {
            drop(source, p, events);
        } catch (SQLException e) {
            LOG.warn("Could not drop the replication role {} on {} after move {} stopped: {}", p.replicationRole(),
                    p.source().describe(), p.id(), e.getMessage());
        }
    }

    /**
     * DISABLE only tells the workers to stop; a table sync worker that starts a new connection after the role is
     * dropped fails its login and counts an error. Waits up to {@link #WORKERS_STOP} for them to be gone.
     */
    private static void awaitWorkersStopped(Connection target, MovePlan p) throws SQLException {
        long deadline = System.nanoTime() + WORKERS_STOP.toNanos();
        while (MovePlanner.bool(target, MoveStatements.SUBSCRIPTION_WORKERS, p.replicationName())) {
            if (System.nanoTime() > deadline) {
                LOG.warn("The workers of subscription {} on {} still run {} s after it was disabled; dropping its "
                        + "role anyway", p.replicationName(), p.target().describe(), WORKERS_STOP.toSeconds());
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Drops the role and its grants on the source, if it is there. */
    static void drop(Connection source, MovePlan p, MoveEvents events) throws SQLException {
        String role = p.replicationRole();
        if (MovePlanner.bool(source, MoveStatements.ROLE_EXISTS, role)) {
            // Its only dependencies are the grants made in this database; DROP OWNED revokes them.
            MoveSql.exec(source, p.source(), events, MoveStatements.dropOwned(role));
            MoveSql.exec(source, p.source(), events, MoveStatements.dropRole(role));
        }
    }

    /** 24 random bytes as 32 URL-safe base64 characters (no quote or backslash to escape, not that it matters). */
    static char[] generatePassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(bytes);
        byte[] encoded = Base64.getUrlEncoder().withoutPadding().encode(bytes);
        Arrays.fill(bytes, (byte) 0);
        CharBuffer chars = StandardCharsets.US_ASCII.decode(ByteBuffer.wrap(encoded));
        Arrays.fill(encoded, (byte) 0);
        char[] out = new char[chars.remaining()];
        chars.get(out);
        Arrays.fill(chars.array(), '\0');
        return out;
    }

    /**
     * Runs a statement that carries a secret: never passed to {@link MoveEvents#ran} (which shows and audits), and
     * with the server's statement logging off for it ({@link MoveStatements#SECRET_STATEMENT_QUIET}).
     */
    static void run(Connection c, String sql) throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            for (String quiet : MoveStatements.SECRET_STATEMENT_QUIET) {
                st.execute(quiet);
            }
            try {
                st.execute(sql);
            } finally {
                for (String reset : MoveStatements.SECRET_STATEMENT_RESET) {
                    st.execute(reset);
                }
            }
        }
    }
}
