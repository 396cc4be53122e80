package io.pilothouse.services.activity;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.policy.AuditTrail;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.MutationRequest;
import io.pilothouse.services.policy.OperationGuard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Cancels or terminates one backend of a node inside the operation guard (read-only refusal, the audit record with
 * who the backend was, the cluster's operation lock). The backend is looked up first, by pid and, when the caller
 * saw it, by its start time too, so a pid that was reused meanwhile is never signalled by mistake. A terminate is
 * verified: the backend must be gone from {@code pg_stat_activity} within {@link #VERIFY}.
 */
public final class BackendSignals {

    /** How long a terminated backend may take to disappear. */
    public static final Duration VERIFY = Duration.ofSeconds(5);

    static final String FIND = """
            SELECT a.pid, a.backend_start, a.usename, a.datname, a.application_name, a.backend_type, a.state,
                   left(a.query, 200) AS query
              FROM pg_stat_activity a WHERE a.pid = ?""";

    /** Opens a connection to a node as the workspace's role (asUser null) or as another role. */
    @FunctionalInterface
    public interface Connections {
        /** A connection to {@code node}, as {@code asUser} when not null. */
        Connection open(NodeRef node, String asUser) throws SQLException;
    }

    private record Backend(int pid, Instant started, String user, String database, String application,
                           String type, String state, String query) {

        String describe() {
            return "pid " + pid + " (" + (user == null ? type : user + (database == null ? "" : "@" + database))
                    + (application == null || application.isBlank() ? "" : ", " + application)
                    + (state == null ? "" : ", " + state) + ")";
        }
    }

    private final OperationGuard guard;
    private final Connections connections;
    private final Supplier<EstateSnapshot> estate;

    public BackendSignals(OperationGuard guard, Connections connections, Supplier<EstateSnapshot> estate) {
        this.guard = guard;
        this.connections = connections;
        this.estate = estate;
    }

    /** True when signalling will be refused (read-only workspace). */
    public boolean isReadOnly() {
        return guard.isReadOnly();
    }

    /**
     * Sends {@code signal} to backend {@code pid} of {@code node}.
     *
     * @param expectedStart the backend's start as the caller saw it, or null to accept whichever backend has the pid
     * @param asUser        the role to connect as (a superuser or a member of {@code pg_signal_backend} to signal
     *                      other roles' backends), or null for the workspace's role
     * @return what was done, in words
     * @throws io.pilothouse.services.policy.ReadOnlyWorkspaceException in a read-only workspace
     * @throws MutationRefusedException when nothing was done: the backend is gone or is another one now, it is our
     *                                  own, permission was denied, another operator holds the cluster's lock
     * @throws BackendSignalException   when a terminated backend did not go away in time
     */
    public String signal(NodeRef node, int pid, BackendSignal signal, Instant expectedStart, String asUser)
            throws Exception {
        if (pid <= 0) {
            throw new IllegalArgumentException("a backend pid is a positive number, not " + pid);
        }
        String user = asUser == null || asUser.isBlank() ? null : asUser.trim();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("pid", Integer.toString(pid));
        parameters.put("node", node.host() + ":" + node.port());
        parameters.put("connectedAs", user == null ? "(workspace role)" : user);
        MutationRequest request = new MutationRequest(signal.action(), node.source() + "/" + node.scope(),
                node.member(), parameters);
        ClusterSnapshot cluster = estate.get().cluster(node.source(), node.scope())
                .orElse(ClusterSnapshot.builder(node.source(), node.scope()).observedAt(Instant.now()).build());
        return guard.run(request, cluster, trail -> {
            try (Connection c = connections.open(node, user)) {
                c.setAutoCommit(true);
                Backend b = find(c, pid);
                refuseWrongBackend(request, node, pid, b, expectedStart, c);
                trail.result("backend", b.describe());
                trail.result("query", b.query == null ? "" : b.query);
                send(request, c, node, b, signal, trail);
                return signal == BackendSignal.TERMINATE ? verifyGone(c, node, b, trail) : afterCancel(c, node, b,
                        trail);
            }
        });
    }

    private static void refuseWrongBackend(MutationRequest request, NodeRef node, int pid, Backend b,
                                           Instant expectedStart, Connection c) throws SQLException {
        if (b == null) {
            throw new MutationRefusedException(request, "pid " + pid + " is not a backend on " + node.label()
                    + " (it has ended, or never was); nothing was done", null);
        }
        if (expectedStart != null && b.started() != null && !expectedStart.equals(b.started())) {
            throw new MutationRefusedException(request, "pid " + pid + " on " + node.label() + " is another backend "
                    + "now (started " + b.started() + ", not " + expectedStart + "): the one shown ended and its pid "
                    + "was reused; nothing was done, read the node again", null);
        }
        if (isOurs(c, pid)) {
            throw new MutationRefusedException(request, "pid " + pid + " is this very connection of Pilothouse; "
                    + "nothing was done", null);
        }
    }

    private static void send(MutationRequest request, Connection c, NodeRef node, Backend b, BackendSignal signal,
                             AuditTrail trail) throws SQLException {
        boolean sent;
        try (PreparedStatement ps = c.prepareStatement(signal.statement())) {
            ps.setInt(1, b.pid());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                sent = rs.getBoolean(1);
            }
        } catch (SQLException e) {
            trail.response(signal.function() + "(" + b.pid() + ") failed: " + e.getMessage());
            if ("42501".equals(e.getSQLState())) {
                throw new MutationRefusedException(request, "Permission denied to " + signal.verb() + " "
                        + b.describe() + " on " + node.label() + ": only a superuser, a member of pg_signal_backend "
                        + "or the backend's own role may; connect as one of them (--as ROLE, or 'Connect as' in the "
                        + "window). Nothing was done", e);
            }
            throw e;
        }
        trail.response(signal.function() + "(" + b.pid() + ") -> " + sent);
        if (!sent) {
            throw new MutationRefusedException(request, b.describe() + " ended before the signal reached it; nothing "
                    + "was done", null);
        }
    }

    private static String verifyGone(Connection c, NodeRef node, Backend b, AuditTrail trail) throws Exception {
        long deadline = System.nanoTime() + VERIFY.toNanos();
        while (true) {
            Backend now = find(c, b.pid());
            if (now == null || !java.util.Objects.equals(now.started(), b.started())) {
                trail.result("verified", "gone from pg_stat_activity");
                return "terminated " + b.describe() + " on " + node.label() + "; it is gone from pg_stat_activity "
                        + "(its open transaction, if any, was rolled back)";
            }
            if (System.nanoTime() > deadline) {
                trail.result("verified", "still in pg_stat_activity after " + VERIFY.toSeconds() + " s");
                throw new BackendSignalException("sent pg_terminate_backend to " + b.describe() + " on "
                        + node.label() + " but it is still there after " + VERIFY.toSeconds() + " s (" + now.state()
                        + "); it may be stuck in an uninterruptible wait: read the node again", null);
            }
            Thread.sleep(100);
        }
    }

    private static String afterCancel(Connection c, NodeRef node, Backend b, AuditTrail trail) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        Backend now = find(c, b.pid());
        while (now != null && "active".equals(now.state()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = find(c, b.pid());
        }
        String after = now == null ? "it has ended" : "it is now " + now.state();
        trail.result("after", after);
        return "cancel sent to " + b.describe() + " on " + node.label() + "; " + after
                + (now != null && "active".equals(now.state()) ? " (the statement has not stopped yet: it may be "
                + "in a step that does not check for cancels; read the node again)" : "");
    }

    private static boolean isOurs(Connection c, int pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_backend_pid() = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static Backend find(Connection c, int pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                OffsetDateTime started = rs.getObject("backend_start", OffsetDateTime.class);
                return new Backend(pid, started == null ? null : started.toInstant(), rs.getString("usename"),
                        rs.getString("datname"), rs.getString("application_name"), rs.getString("backend_type"),
                        rs.getString("state"), rs.getString("query"));
            }
        }
    }
}
