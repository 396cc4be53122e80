package io.pilothouse.services.indoubt;

import io.pilothouse.services.indoubt.ResolutionException.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import io.pilothouse.services.model.PreparedBranch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits or rolls back one prepared branch. No audit and no confirmation here: the caller wraps it.
 *
 * <p>{@code COMMIT PREPARED} / {@code ROLLBACK PREPARED} must run in the branch's database, outside a transaction
 * block, as the role that prepared it or a superuser; the gid cannot be a parameter, so the statement is built by
 * {@link GidLiteral} for the connection's own {@code standard_conforming_strings}. Before running it the branch is
 * looked up again by gid <em>and</em> xid, so a gid that was resolved and reused meanwhile is never finished by
 * mistake; afterwards the gid must be gone.
 */
public final class BranchResolver {

    private static final Logger LOG = LoggerFactory.getLogger(BranchResolver.class);

    static final String FIND = "SELECT p.transaction::text::bigint AS xid, p.database FROM pg_prepared_xacts p"
            + " WHERE p.gid = ?";

    /** Opens a connection to one database of one node as a given role; the caller sets timeouts and credentials. */
    @FunctionalInterface
    public interface ConnectionFactory {
        /** A connection to {@code database} on {@code host:port} as {@code user}. */
        Connection open(String host, int port, String database, String user) throws SQLException;
    }

    private final java.util.concurrent.Executor blocking;

    /** Runs the statement in place: nothing is told while it waits. */
    public BranchResolver() {
        this(null);
    }

    /**
     * @param blocking runs the statement while the caller's thread watches it and, past a few seconds, says on what
     *                 it waits (read over a second connection); null to run it in place
     */
    public BranchResolver(java.util.concurrent.Executor blocking) {
        this.blocking = blocking;
    }

    /** Resolves {@code b} as its owner ({@link PreparedBranch#owner()}). */
    public void resolve(PreparedBranch b, boolean commit, ConnectionFactory f) throws ResolutionException {
        resolve(b, commit, f, b.owner());
    }

    /**
     * Resolves {@code b} connected as {@code user} (its owner or a superuser).
     *
     * @param commit true for {@code COMMIT PREPARED}, false for {@code ROLLBACK PREPARED}
     * @throws ResolutionException with a {@link Reason} and a message in words
     */
    public void resolve(PreparedBranch b, boolean commit, ConnectionFactory f, String user)
            throws ResolutionException {
        resolve(b, commit, f, user, what -> { });
    }

    /**
     * As {@link #resolve(PreparedBranch, boolean, ConnectionFactory, String)}, telling {@code waiting} what the
     * statement waits on once it has run for more than a few seconds (null once it no longer waits).
     */
    public void resolve(PreparedBranch b, boolean commit, ConnectionFactory f, String user,
                        java.util.function.Consumer<String> waiting) throws ResolutionException {
        String verb = commit ? "commit" : "roll back";
        String what = "prepared transaction '" + GidText.printable(b.gid()) + "' (xid " + b.xid() + ") on "
                + b.node().label() + ", database " + b.database();
        try (Connection c = f.open(b.node().host(), b.node().port(), b.database(), user)) {
            // The statements refuse to run inside a transaction block.
            c.setAutoCommit(true);
            requireSame(c, b, what);
            boolean standard = GidLiteral.standardConformingStrings(setting(c));
            String sql = commit ? GidLiteral.commit(b.gid(), standard) : GidLiteral.rollback(b.gid(), standard);
            try (Statement st = c.createStatement()) {
                // The driver must not touch the text: no JDBC escape processing inside our literal.
                st.setEscapeProcessing(false);
                execute(st, sql, c, b, f, user, waiting);
            } catch (SQLException e) {
                throw translate(e, b, verb, what, user);
            }
            if (find(c, b.gid()) != null) {
                throw new ResolutionException(Reason.NOT_VERIFIED, "Tried to " + verb + " the " + what + " but it "
                        + "is still listed in pg_prepared_xacts; read the node again before retrying", null);
            }
            LOG.info("{} {} as {}", commit ? "committed" : "rolled back", what, user);
        } catch (SQLException e) {
            throw new ResolutionException(Reason.FAILED, "Could not " + verb + " the " + what + " as " + user + ": "
                    + e.getMessage(), e);
        }
    }

    private void execute(Statement st, String sql, Connection c, PreparedBranch b, ConnectionFactory f, String user,
                         java.util.function.Consumer<String> waiting) throws SQLException {
        if (blocking == null) {
            st.execute(sql);
            return;
        }
        int pid = backendPid(c);
        Connection[] watch = new Connection[1];
        try {
            // Not cancellable from here: a COMMIT PREPARED that waits for a standby has committed on this node.
            new io.pilothouse.services.postgres.WaitingStatement(blocking,
                    io.pilothouse.services.postgres.WaitingStatement.DEFAULT_THRESHOLD, java.time.Duration.ofSeconds(1))
                    .execute(st, sql, () -> {
                        if (watch[0] == null) {
                            watch[0] = f.open(b.node().host(), b.node().port(), b.database(), user);
                        }
                        return io.pilothouse.services.postgres.LockWaits.describe(watch[0], pid);
                    }, () -> false, waiting);
        } finally {
            if (watch[0] != null) {
                watch[0].close();
            }
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void requireSame(Connection c, PreparedBranch b, String what)
            throws SQLException, ResolutionException {
        Long xid = find(c, b.gid());
        if (xid == null) {
            throw new ResolutionException(Reason.ALREADY_RESOLVED, "The " + what + " is no longer prepared: it was "
                    + "resolved by someone else (or by its transaction manager); nothing was done", null);
        }
        if (xid != b.xid()) {
            throw new ResolutionException(Reason.GID_REUSED, "The gid '" + GidText.printable(b.gid()) + "' now names another "
                    + "transaction (xid " + xid + ", not " + b.xid() + "): the one shown was resolved and the gid "
                    + "reused; nothing was done, read the node again", null);
        }
    }

    private static Long find(Connection c, String gid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, gid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong("xid") : null;
            }
        }
    }

    private static String setting(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW standard_conforming_strings")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static ResolutionException translate(SQLException e, PreparedBranch b, String verb, String what,
                                                 String user) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "42501" -> new ResolutionException(Reason.NOT_PERMITTED, "Permission denied: " + user + " may not "
                    + verb + " the " + what + ". Only the role that prepared it (" + b.owner() + ") or a superuser "
                    + "can; connect as one of them", e);
            case "42704" -> new ResolutionException(Reason.ALREADY_RESOLVED, "The " + what + " no longer exists: it "
                    + "was resolved by someone else a moment ago; nothing was done", e);
            case "55000" -> new ResolutionException(Reason.BUSY, "The " + what + " is busy: another session is "
                    + "finishing it right now; read the node again in a moment", e);
            default -> new ResolutionException(Reason.FAILED, "Could not " + verb + " the " + what + " as " + user
                    + ": " + e.getMessage() + " (SQLSTATE " + state + ")", e);
        };
    }
}
