package io.pilothouse.services.indoubt;

import static io.pilothouse.services.postgres.Columns.nullableDouble;
import static io.pilothouse.services.postgres.Columns.nullableInt;
import static io.pilothouse.services.postgres.Columns.nullableLong;

import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch.BlockedSession;
import io.pilothouse.services.model.PreparedBranch.HeldLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.pilothouse.services.model.PreparedBranch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one node's prepared transactions with what each holds: its locks, the sessions waiting on them, and whether
 * it is what holds the node's xmin horizon back. Four short read-only queries; {@code pg_monitor} is enough (it is
 * needed to see other users' queries). The caller owns the connection and its timeouts.
 *
 * <h2>How prepared transactions show in {@code pg_locks} (PostgreSQL 15, checked by experiment)</h2>
 * <ul>
 *   <li>Every lock of a prepared transaction has {@code pid} NULL, and it always holds an {@code ExclusiveLock} on
 *       its own {@code transactionid} (PREPARE assigns an xid even to a read-only transaction).</li>
 *   <li>{@code virtualtransaction} is <b>not</b> always {@code -1/<xid>}: right after {@code PREPARE} it is still the
 *       preparing backend's virtual xid (e.g. {@code 3/4}, the backend has moved on); only transactions recovered
 *       from their state files (after a restart, or on a promoted standby) show {@code -1/<xid>}. So this probe finds
 *       each branch's {@code virtualtransaction} through its {@code transactionid} lock and then takes every
 *       pid-NULL lock with that {@code virtualtransaction}; {@code -1/<xid>} is parsed as a fallback.</li>
 *   <li>A session waiting for a row the branch changed waits for a {@code ShareLock} on the branch's
 *       {@code transactionid}; one waiting for a table waits on the {@code relation}. Either way
 *       {@code pg_blocking_pids(pid)} lists {@code 0} once per prepared transaction in its way, so the waiter is
 *       attributed to every branch holding a conflicting lock on the same object.</li>
 * </ul>
 *
 * <h2>Oldest xmin</h2>
 * A branch is {@link PreparedBranch#oldestXmin()} when no other prepared transaction is older and no other session's
 * {@code backend_xid}/{@code backend_xmin} and no slot's {@code xmin}/{@code catalog_xmin} is older than its xid (all
 * compared by {@code age()} in one statement). Equal counts for the branch: while it runs, every new snapshot's xmin
 * is at most its xid, so the sessions tying with it take their xmin from it. Our own session is left out for that
 * reason. Read it as "nothing holds the horizon further back than this branch".
 *
 * <p>Relation names resolve only for the database the connection is in (and shared catalogs); a lock in another
 * database is shown as {@code <database>: relation <oid>}. Connect to the branches' database for names.
 *
 * <p>A node in recovery returns no branches and says so ({@link NodeReading#inRecovery()}): a standby replays
 * prepared transactions but lists none until it is promoted.
 */
public final class PreparedXactsProbe {

    private static final Logger LOG = LoggerFactory.getLogger(PreparedXactsProbe.class);

    static final String SETTINGS = """
            SELECT pg_is_in_recovery() AS in_recovery,
                   current_setting('autovacuum_freeze_max_age')::bigint AS freeze_max_age,
                   current_setting('max_prepared_transactions')::int AS max_prepared,
                   current_setting('server_version_num')::int AS version_num""";

    /**
     * The branches and, in the same statement so every {@code age()} is taken against the same next xid, the oldest
     * horizon anything else holds: other sessions' xmin/xid and the slots' xmin/catalog_xmin. Our own session is left
     * out: its snapshot's xmin is at most the oldest running xid, which would tie with the branch.
     */
    static final String BRANCHES = """
            SELECT p.gid, p.database, p.owner, p.prepared, p.transaction::text::bigint AS xid,
                   age(p.transaction)::bigint AS xid_age,
                   (SELECT max(greatest(age(a.backend_xmin), age(a.backend_xid))) FROM pg_stat_activity a
                     WHERE a.pid <> pg_backend_pid())::bigint AS sessions_age,
                   (SELECT max(greatest(age(s.xmin), age(s.catalog_xmin))) FROM pg_replication_slots s)::bigint
                     AS slots_age
              FROM pg_prepared_xacts p
             ORDER BY xid_age DESC, p.gid""";

    /** pid-NULL locks: only prepared transactions hold those. A relation's name resolves in this database only. */
    static final String LOCKS = """
            SELECT l.locktype, l.database, l.relation, l.page, l.tuple, l.virtualxid,
                   l.transactionid::text::bigint AS transactionid, l.classid, l.objid, l.objsubid,
                   l.virtualtransaction, l.mode,
                   CASE WHEN l.relation IS NULL THEN NULL
                        WHEN l.database = 0 OR l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                        THEN l.relation::regclass::text
                        ELSE coalesce(d.datname, 'database ' || l.database) || ': relation ' || l.relation END
                     AS relation_name
              FROM pg_locks l LEFT JOIN pg_database d ON d.oid = l.database
             WHERE l.pid IS NULL AND l.granted""";

    /** Waiters with a prepared transaction (pid 0) among their blockers; pg_blocking_pids only for actual waiters. */
    static final String WAITERS = """
            WITH waiting AS MATERIALIZED (
                SELECT l.pid, l.locktype, l.database, l.relation, l.page, l.tuple, l.virtualxid,
                       l.transactionid::text::bigint AS transactionid, l.classid, l.objid, l.objsubid, l.mode,
                       l.waitstart
                  FROM pg_locks l WHERE NOT l.granted AND l.pid IS NOT NULL)
            SELECT w.*, a.usename, a.datname, a.application_name, a.query,
                   extract(epoch FROM clock_timestamp() - coalesce(w.waitstart, a.query_start))::float8
                     AS waiting_seconds
              FROM waiting w JOIN pg_stat_activity a ON a.pid = w.pid
             WHERE 0 = ANY (pg_blocking_pids(w.pid))
             ORDER BY w.pid""";

    /** Before PostgreSQL 14 pg_locks has no waitstart; the query's start is the best we have. */
    static final String WAITERS_BEFORE_14 = WAITERS.replace("l.waitstart", "NULL::timestamptz AS waitstart");

    /**
     * What one read of a node found.
     *
     * @param node                    the node read
     * @param inRecovery              true for a standby: it lists no prepared transactions (until promoted)
     * @param maxPreparedTransactions the node's {@code max_prepared_transactions}; 0 means it cannot have any
     * @param branches                its prepared transactions, oldest xid first
     */
    public record NodeReading(NodeRef node, boolean inRecovery, int maxPreparedTransactions,
                              List<PreparedBranch> branches) {

        public NodeReading {
            branches = List.copyOf(branches);
        }

        /** Why the list is empty when that is not simply "none", in words; empty otherwise. */
        public Optional<String> note() {
            if (inRecovery) {
                return Optional.of(node.label() + " is in recovery: a standby holds no prepared transactions of its "
                        + "own (it shows them once promoted); read the primary");
            }
            if (maxPreparedTransactions == 0) {
                return Optional.of(node.label() + " has max_prepared_transactions = 0: it cannot hold any");
            }
            return Optional.empty();
        }
    }

    /** Reads {@code node}'s prepared transactions through {@code c}; an empty list for a node in recovery. */
    public List<PreparedBranch> read(NodeRef node, Connection c) throws SQLException {
        return probe(node, c).branches();
    }

    /** Reads {@code node} through {@code c}, saying whether it is in recovery. */
    public NodeReading probe(NodeRef node, Connection c) throws SQLException {
        boolean inRecovery;
        long freezeMaxAge;
        int maxPrepared;
        int versionNum;
        try (PreparedStatement ps = c.prepareStatement(SETTINGS); ResultSet rs = ps.executeQuery()) {
            rs.next();
            inRecovery = rs.getBoolean("in_recovery");
            freezeMaxAge = rs.getLong("freeze_max_age");
            maxPrepared = rs.getInt("max_prepared");
            versionNum = rs.getInt("version_num");
        }
        if (inRecovery) {
            LOG.debug("{} is in recovery; no prepared transactions to read", node.label());
            return new NodeReading(node, true, maxPrepared, List.of());
        }
        List<Row> rows = branches(c);
        if (rows.isEmpty()) {
            return new NodeReading(node, false, maxPrepared, List.of());
        }
        Map<Long, List<Held>> locks = locks(c, rows);
        Map<Long, Map<Integer, BlockedSession>> blocked = blocked(c, versionNum, locks);
        long oldestPrepared = rows.stream().mapToLong(Row::xidAge).max().orElse(0);
        List<PreparedBranch> out = new ArrayList<>();
        for (Row r : rows) {
            // Ties count for the branch: a session or slot whose xmin equals the branch's xid took it from the branch.
            boolean oldest = r.xidAge >= oldestPrepared
                    && (r.sessionsAge == null || r.xidAge >= r.sessionsAge)
                    && (r.slotsAge == null || r.xidAge >= r.slotsAge);
            List<HeldLock> held = locks.getOrDefault(r.xid, List.of()).stream().map(Held::lock).toList();
            List<BlockedSession> waiting = List.copyOf(blocked.getOrDefault(r.xid, Map.of()).values());
            out.add(new PreparedBranch(node, r.gid, r.database, r.owner, r.prepared.toInstant(), r.xid, r.xidAge,
                    freezeMaxAge, held, waiting, oldest));
        }
        return new NodeReading(node, false, maxPrepared, out);
    }

    private record Row(String gid, String database, String owner, java.time.OffsetDateTime prepared, long xid,
                       long xidAge, Long sessionsAge, Long slotsAge) {
    }

    /** Identifies a lockable object, as pg_locks' object columns do. */
    private record Tag(String locktype, Long database, Long relation, Integer page, Integer tuple, String virtualxid,
                       Long transactionid, Long classid, Long objid, Integer objsubid) {

        static Tag of(ResultSet rs) throws SQLException {
            return new Tag(rs.getString("locktype"), nullableLong(rs, "database"), nullableLong(rs, "relation"),
                    nullableInt(rs, "page"), nullableInt(rs, "tuple"), rs.getString("virtualxid"),
                    nullableLong(rs, "transactionid"), nullableLong(rs, "classid"), nullableLong(rs, "objid"),
                    nullableInt(rs, "objsubid"));
        }
    }

    private record Held(Tag tag, HeldLock lock) {
    }

    private static List<Row> branches(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(BRANCHES); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getString("gid"), rs.getString("database"), rs.getString("owner"),
                        rs.getObject("prepared", java.time.OffsetDateTime.class), rs.getLong("xid"),
                        rs.getLong("xid_age"), nullableLong(rs, "sessions_age"), nullableLong(rs, "slots_age")));
            }
        }
        return rows;
    }

    /** Each branch's locks, by branch xid. */
    private static Map<Long, List<Held>> locks(Connection c, List<Row> rows) throws SQLException {
        Set<Long> xids = new LinkedHashSet<>();
        rows.forEach(r -> xids.add(r.xid));
        List<Map.Entry<String, Held>> all = new ArrayList<>();
        Map<String, Long> vxidToXid = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LOCKS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Tag tag = Tag.of(rs);
                String vxid = rs.getString("virtualtransaction");
                if ("transactionid".equals(tag.locktype()) && xids.contains(tag.transactionid())) {
                    vxidToXid.put(vxid, tag.transactionid());
                }
                all.add(Map.entry(vxid, new Held(tag,
                        new HeldLock(tag.locktype(), rs.getString("mode"), rs.getString("relation_name")))));
            }
        }
        Map<Long, List<Held>> byXid = new LinkedHashMap<>();
        for (Map.Entry<String, Held> e : all) {
            Long xid = vxidToXid.get(e.getKey());
            if (xid == null) {
                xid = recoveredXid(e.getKey());
            }
            if (xid != null && xids.contains(xid)) {
                byXid.computeIfAbsent(xid, k -> new ArrayList<>()).add(e.getValue());
            } else {
                // A branch committed between the two queries, or one prepared after the first.
                LOG.debug("pid-NULL lock {} ({}) matches no branch read", e.getValue().lock(), e.getKey());
            }
        }
        return byXid;
    }

    /** {@code -1/<xid>}, the virtual xid of a prepared transaction recovered from its state file. */
    private static Long recoveredXid(String vxid) {
        if (vxid != null && vxid.startsWith("-1/")) {
            try {
                return Long.parseLong(vxid.substring(3));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Sessions waiting on a branch, by branch xid, then pid (a session can wait behind several branches). */
    private static Map<Long, Map<Integer, BlockedSession>> blocked(Connection c, int versionNum,
                                                                   Map<Long, List<Held>> locks) throws SQLException {
        Map<Long, Map<Integer, BlockedSession>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(versionNum >= 140000 ? WAITERS : WAITERS_BEFORE_14);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Tag wanted = Tag.of(rs);
                String mode = rs.getString("mode");
                int pid = rs.getInt("pid");
                Double waited = nullableDouble(rs, "waiting_seconds");
                BlockedSession s = new BlockedSession(pid, rs.getString("usename"), rs.getString("datname"),
                        rs.getString("application_name"), waited == null ? 0 : Math.max(0, waited),
                        rs.getString("query"));
                boolean attributed = false;
                for (Map.Entry<Long, List<Held>> branch : locks.entrySet()) {
                    for (Held h : branch.getValue()) {
                        if (h.tag().equals(wanted) && LockConflicts.conflict(mode, h.lock().mode())) {
                            out.computeIfAbsent(branch.getKey(), k -> new LinkedHashMap<>()).putIfAbsent(pid, s);
                            attributed = true;
                        }
                    }
                }
                if (!attributed) {
                    LOG.debug("pid {} waits behind a prepared transaction for {} {} but no branch read holds it",
                            pid, mode, wanted);
                }
            }
        }
        return out;
    }
}
