package io.pilothouse.services.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a session is waiting on, from the server itself: the waiting backend's ungranted lock in {@code pg_locks},
 * the granted locks on the same object that block it ({@code pg_blocking_pids}, where a prepared transaction appears
 * as pid 0), and the holder's session or prepared transaction. Read over a separate connection while a step waits.
 */
public final class LockWaits {

    /**
     * Ungranted locks of the sessions named {@code ?} (application_name) or with pid {@code ?}, each with its
     * blockers. A prepared transaction's locks have no pid; their virtual transaction is {@code -1/<xid>}.
     */
    static final String WAITS = "SELECT w.pid, a.application_name, w.locktype, w.mode, "
            + "CASE WHEN w.relation IS NULL THEN NULL ELSE w.relation::regclass::text END AS relation, "
            + "extract(epoch FROM now() - a.state_change) AS waited, h.pid AS holder, p.gid, "
            + "extract(epoch FROM now() - coalesce(p.prepared, ha.xact_start)) AS holder_age, "
            + "coalesce(p.owner, ha.usename) AS holder_user, ha.state AS holder_state "
            + "FROM pg_locks w JOIN pg_stat_activity a ON a.pid = w.pid "
            + "JOIN pg_locks h ON h.granted AND h.locktype = w.locktype "
            + "AND h.database IS NOT DISTINCT FROM w.database AND h.relation IS NOT DISTINCT FROM w.relation "
            + "AND h.page IS NOT DISTINCT FROM w.page AND h.tuple IS NOT DISTINCT FROM w.tuple "
            + "AND h.virtualxid IS NOT DISTINCT FROM w.virtualxid "
            + "AND h.transactionid IS NOT DISTINCT FROM w.transactionid "
            + "AND h.classid IS NOT DISTINCT FROM w.classid AND h.objid IS NOT DISTINCT FROM w.objid "
            + "AND h.objsubid IS NOT DISTINCT FROM w.objsubid "
            + "AND (h.pid = ANY (pg_blocking_pids(w.pid)) OR (h.pid IS NULL AND 0 = ANY (pg_blocking_pids(w.pid)))) "
            + "LEFT JOIN pg_prepared_xacts p ON h.pid IS NULL "
            + "AND (split_part(h.virtualtransaction, '/', 2) = p.transaction::text OR h.transactionid = p.transaction) "
            + "LEFT JOIN pg_stat_activity ha ON ha.pid = h.pid "
            + "WHERE NOT w.granted AND (a.application_name = ? OR w.pid = ?) "
            + "ORDER BY holder_age DESC NULLS LAST";

    /** What a backend waits on besides locks ({@code SyncRep}, I/O…). */
    static final String WAIT_EVENT = "SELECT wait_event_type, wait_event FROM pg_stat_activity WHERE pid = ?";

    private LockWaits() {
    }

    /**
     * What backend {@code pid} waits on, in words with a way out: a lock (and its holder), a synchronous standby's
     * confirmation, or another wait event; empty when it does not wait.
     */
    public static java.util.Optional<String> describe(Connection c, int pid) throws SQLException {
        List<LockWait> locks = ofPid(c, pid);
        if (!locks.isEmpty()) {
            return java.util.Optional.of(locks.get(0).describe() + " — " + locks.get(0).wayOut());
        }
        try (PreparedStatement ps = c.prepareStatement(WAIT_EVENT)) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(2) == null) {
                    return java.util.Optional.empty();
                }
                String type = rs.getString(1);
                String event = rs.getString(2);
                if ("SyncRep".equals(event)) {
                    return java.util.Optional.of("waiting for a synchronous standby to confirm (wait event SyncRep)"
                            + " — the change is made on this node already; check that the cluster's synchronous "
                            + "standbys are streaming");
                }
                return java.util.Optional.of("waiting on " + type + " / " + event);
            }
        }
    }

    /** What the session(s) named {@code applicationName} wait on now; empty when they do not wait for a lock. */
    public static List<LockWait> ofApplication(Connection c, String applicationName) throws SQLException {
        return read(c, applicationName, -1);
    }

    /** What backend {@code pid} waits on now; empty when it does not wait for a lock. */
    public static List<LockWait> ofPid(Connection c, int pid) throws SQLException {
        return read(c, null, pid);
    }

    private static List<LockWait> read(Connection c, String name, int pid) throws SQLException {
        List<LockWait> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(WAITS)) {
            ps.setString(1, name);
            ps.setInt(2, pid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int holder = rs.getInt("holder");
                    Integer holderPid = rs.wasNull() ? null : holder;
                    double age = rs.getDouble("holder_age");
                    Double holderAge = rs.wasNull() ? null : age;
                    out.add(new LockWait(rs.getInt("pid"), rs.getString("application_name"),
                            rs.getString("locktype"), rs.getString("mode"), rs.getString("relation"),
                            rs.getDouble("waited"), holderPid, rs.getString("gid"), holderAge,
                            rs.getString("holder_user"), rs.getString("holder_state")));
                }
            }
        }
        return out;
    }
}
