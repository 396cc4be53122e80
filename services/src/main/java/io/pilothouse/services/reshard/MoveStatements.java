package io.pilothouse.services.reshard;

import io.pilothouse.services.postgres.SqlIdentifiers;
import io.pilothouse.services.postgres.SqlLiterals;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every statement a move runs, in one place so the preview shows exactly what will run. Identifiers go through
 * {@link SqlIdentifiers}, literals through {@link SqlLiterals}; the only other text put into DDL is PostgreSQL's own
 * deparsed catalog output ({@code format_type}, {@code pg_get_constraintdef}, {@code pg_get_indexdef},
 * {@code pg_get_expr}), read from the servers themselves.
 */
final class MoveStatements {

    /** Schema of the per-move marker tables on source and target. */
    static final String MARKER_SCHEMA = "pilothouse";

    /** The partition on the coordinator: its parent, bound, kind, server and remote table options. */
    static final String PARTITION = "SELECT pn.nspname, p.relname, n.nspname, c.relname, c.relkind::text, "
            + "pg_get_expr(c.relpartbound, c.oid), s.srvname, s.srvoptions, ft.ftoptions, "
            + "pg_relation_size(c.oid), greatest(c.reltuples, 0)::bigint "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent "
            + "JOIN pg_namespace pn ON pn.oid = p.relnamespace "
            + "LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid "
            + "LEFT JOIN pg_foreign_server s ON s.oid = ft.ftserver "
            + "WHERE c.oid = to_regclass(?) AND c.relispartition";
    /** A foreign server's options by name. */
    static final String SERVER = "SELECT s.srvoptions, w.fdwname FROM pg_foreign_server s "
            + "JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw WHERE s.srvname = ?";
    /** Size and row estimate of a table. */
    static final String TABLE_SIZE = "SELECT pg_relation_size(c.oid), greatest(c.reltuples, 0)::bigint, "
            + "c.relreplident::text FROM pg_class c WHERE c.oid = to_regclass(?)";
    /** True when the table exists. */
    static final String TABLE_EXISTS = "SELECT to_regclass(?) IS NOT NULL";
    static final String COLUMNS = "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull "
            + "FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped "
            + "ORDER BY a.attnum";
    /** Primary key first, then unique and check constraints; foreign keys cannot span nodes and are not copied. */
    static final String CONSTRAINTS = "SELECT conname, pg_get_constraintdef(oid), contype::text FROM pg_constraint "
            + "WHERE conrelid = to_regclass(?) AND contype IN ('p', 'u', 'c') ORDER BY contype <> 'p', conname";
    /**
     * The parent's unique indexes (with the constraint they back, if any), valid or not: a unique index on a
     * partitioned table cannot have a foreign partition, so a cutover that attaches one fails.
     */
    static final String PARENT_UNIQUE_INDEXES = "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), "
            + "con.conname FROM pg_index i LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid "
            + "AND con.conrelid = i.indrelid WHERE i.indrelid = to_regclass(?) AND i.indisunique ORDER BY 1";

    static final String INDEXES = "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i "
            + "WHERE i.indrelid = to_regclass(?) "
            + "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) ORDER BY i.indexrelid";
    static final String OWNER = "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = to_regclass(?)";
    /** Table grants other than the owner's, grantee {@code null} meaning PUBLIC. */
    static final String GRANTS = "SELECT CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END, "
            + "a.privilege_type FROM pg_class c, aclexplode(c.relacl) a "
            + "WHERE c.oid = to_regclass(?) AND a.grantee <> c.relowner ORDER BY 1, 2";
    /** The parent's partition key: one plain column, its type, and whether its hash opclass is the type's default. */
    static final String PARTITION_KEY = "SELECT pt.partnatts, pt.partattrs[0], a.attname, "
            + "format_type(a.atttypid, a.atttypmod), coalesce(o.opcdefault, false) FROM pg_partitioned_table pt "
            + "LEFT JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0] "
            + "LEFT JOIN pg_opclass o ON o.oid = pt.partclass[0] WHERE pt.partrelid = to_regclass(?)";
    /** Primary key columns of a table, in index order. */
    static final String PRIMARY_KEY_COLUMNS = "SELECT a.attname FROM pg_index i "
            + "JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, n) ON true "
            + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
            + "WHERE i.indrelid = to_regclass(?) AND i.indisprimary ORDER BY k.n";
    static final String ROLE_EXISTS = "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)";
    static final String SETTING = "SELECT current_setting(?)";
    static final String PUBLICATION_EXISTS = "SELECT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = ?)";
    static final String SUBSCRIPTION_EXISTS = "SELECT EXISTS (SELECT 1 FROM pg_subscription WHERE subname = ?)";
    /** Workers (apply, table sync) of a subscription still running on the target. */
    static final String SUBSCRIPTION_WORKERS = "SELECT count(*) > 0 FROM pg_stat_subscription "
            + "WHERE subname = ? AND pid IS NOT NULL";
    /**
     * Clears a subscription's error counts: errors from before a resume (a parked move's workers, the cause the
     * operator has fixed since) would otherwise fail the resumed copy at once.
     */
    static final String RESET_SUBSCRIPTION_ERRORS = "SELECT pg_stat_reset_subscription_stats(oid) "
            + "FROM pg_subscription WHERE subname = ?";
    static final String SLOT_EXISTS = "SELECT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?)";
    /** The copy's state on the target: {@code srsubstate} and COPY progress of the table sync worker. */
    static final String COPY_STATE = "SELECT sr.srsubstate::text, p.tuples_processed, p.bytes_processed "
            + "FROM pg_subscription s JOIN pg_subscription_rel sr ON sr.srsubid = s.oid "
            + "LEFT JOIN pg_stat_progress_copy p ON p.relid = sr.srrelid "
            + "WHERE s.subname = ? AND sr.srrelid = to_regclass(?)";
    /** True when every table of the subscription (partition and marker) has finished its initial copy. */
    static final String ALL_READY = "SELECT count(*) > 0 AND bool_and(sr.srsubstate IN ('r', 's')) "
            + "FROM pg_subscription s JOIN pg_subscription_rel sr ON sr.srsubid = s.oid WHERE s.subname = ?";
    static final String SUBSCRIPTION_ERRORS = "SELECT sync_error_count + apply_error_count "
            + "FROM pg_stat_subscription_stats WHERE subname = ?";
    /** Bytes of WAL the subscription has not confirmed yet, on the source. */
    static final String SLOT_LAG = "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint "
            + "FROM pg_replication_slots WHERE slot_name = ?";
    /** Where the coordinator's partition points now: its kind and server. */
    static final String PARTITION_SERVER = "SELECT c.relkind::text, s.srvname FROM pg_class c "
            + "LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid "
            + "LEFT JOIN pg_foreign_server s ON s.oid = ft.ftserver WHERE c.oid = to_regclass(?)";
    /**
     * Settings that make a row's text form the same on every server, so the checksum compares contents, not
     * session defaults.
     */
    static final List<String> CANONICAL_TEXT = List.of("SET TimeZone = 'UTC'", "SET DateStyle = 'ISO, YMD'",
            "SET IntervalStyle = 'postgres'", "SET extra_float_digits = 3", "SET bytea_output = 'hex'");

    /**
     * Session settings before a statement that carries the move's one-time password (the subscription's connection
     * string) or its verifier: the server neither logs it (as DDL, as a slow statement, with an error) nor keeps it in
     * {@code pg_stat_statements}. All superuser settings; the move runs as one. {@link #SECRET_STATEMENT_RESET} undoes them.
     */
    static final List<String> SECRET_STATEMENT_QUIET = List.of("SET log_statement = 'none'",
            "SET log_min_duration_statement = -1", "SET log_min_error_statement = 'panic'",
            "SET pg_stat_statements.track_utility = off");
    static final List<String> SECRET_STATEMENT_RESET = List.of("RESET log_statement",
            "RESET log_min_duration_statement", "RESET log_min_error_statement",
            "RESET pg_stat_statements.track_utility");

    private static final Set<String> PRIVILEGES = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE",
            "REFERENCES", "TRIGGER");

    private MoveStatements() {
    }

    static String createSchema(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + SqlIdentifiers.quote(schema);
    }

    /** {@code CREATE TABLE t (c type NOT NULL, …)} from the source's columns (name, type, not null). */
    static String createTable(QualifiedName table, List<Column> columns) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table.sql()).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            sql.append(i == 0 ? "" : ", ").append(SqlIdentifiers.quote(c.name())).append(' ').append(c.type());
            if (c.notNull()) {
                sql.append(" NOT NULL");
            }
        }
        return sql.append(')').toString();
    }

    static String addConstraint(QualifiedName table, String name, String definition) {
        return "ALTER TABLE " + table.sql() + " ADD CONSTRAINT " + SqlIdentifiers.quote(name) + " " + definition;
    }

    static String owner(QualifiedName table, String role) {
        return "ALTER TABLE " + table.sql() + " OWNER TO " + SqlIdentifiers.quote(role);
    }

    /** {@code GRANT p ON TABLE t TO r}; {@code role} null means PUBLIC. */
    static String grant(QualifiedName table, String privilege, String role) {
        if (!PRIVILEGES.contains(privilege)) {
            throw new IllegalArgumentException("unknown table privilege " + privilege);
        }
        return "GRANT " + privilege + " ON TABLE " + table.sql() + " TO "
                + (role == null ? "PUBLIC" : SqlIdentifiers.quote(role));
    }

    static String createMarker(QualifiedName marker) {
        return "CREATE TABLE IF NOT EXISTS " + marker.sql() + " (seq bigint PRIMARY KEY, "
                + "at timestamptz NOT NULL DEFAULT now())";
    }

    static String insertMarker(QualifiedName marker) {
        return "INSERT INTO " + marker.sql() + " (seq) VALUES (?)";
    }

    static String markerSeen(QualifiedName marker) {
        return "SELECT EXISTS (SELECT 1 FROM " + marker.sql() + " WHERE seq = ?)";
    }

    static String dropTable(QualifiedName table) {
        return "DROP TABLE IF EXISTS " + table.sql();
    }

    static String createPublication(String name, QualifiedName table, QualifiedName marker) {
        return "CREATE PUBLICATION " + SqlIdentifiers.quote(name) + " FOR TABLE " + table.sql() + ", " + marker.sql();
    }

    static String dropPublication(String name) {
        return "DROP PUBLICATION IF EXISTS " + SqlIdentifiers.quote(name);
    }

    /** The subscription; built with a placeholder password for previews and the audit, the real one only to run. */
    static String createSubscription(String name, String conninfo) {
        return "CREATE SUBSCRIPTION " + SqlIdentifiers.quote(name) + " CONNECTION " + SqlLiterals.quote(conninfo)
                + " PUBLICATION " + SqlIdentifiers.quote(name) + " WITH (copy_data = true)";
    }

    /**
     * The move's replication role; {@code verifier} is a SCRAM-SHA-256 verifier (or {@link ReplicationRole#MASK} for
     * the log), quoted as a literal since role options take no parameters.
     */
    static String createReplicationRole(String role, String verifier) {
        return "CREATE ROLE " + SqlIdentifiers.quote(role) + " WITH LOGIN REPLICATION NOINHERIT PASSWORD "
                + SqlLiterals.quote(verifier);
    }

    /** The move's role, found again (a resumed move): a new password, the same attributes. */
    static String alterReplicationRole(String role, String verifier) {
        return "ALTER ROLE " + SqlIdentifiers.quote(role) + " WITH LOGIN REPLICATION NOINHERIT PASSWORD "
                + SqlLiterals.quote(verifier);
    }

    static String grantUsage(String schema, String role) {
        return "GRANT USAGE ON SCHEMA " + SqlIdentifiers.quote(schema) + " TO " + SqlIdentifiers.quote(role);
    }

    /** Revokes what {@code role} was granted in this database (it owns nothing), so it can be dropped. */
    static String dropOwned(String role) {
        return "DROP OWNED BY " + SqlIdentifiers.quote(role);
    }

    static String dropRole(String role) {
        return "DROP ROLE IF EXISTS " + SqlIdentifiers.quote(role);
    }

    /** Points a subscription at another connection string (no connection is made until it runs). */
    static String alterSubscriptionConnection(String name, String conninfo) {
        return "ALTER SUBSCRIPTION " + SqlIdentifiers.quote(name) + " CONNECTION " + SqlLiterals.quote(conninfo);
    }

    static String disableSubscription(String name) {
        return "ALTER SUBSCRIPTION " + SqlIdentifiers.quote(name) + " DISABLE";
    }

    static String enableSubscription(String name) {
        return "ALTER SUBSCRIPTION " + SqlIdentifiers.quote(name) + " ENABLE";
    }

    static String dropSubscription(String name) {
        return "DROP SUBSCRIPTION IF EXISTS " + SqlIdentifiers.quote(name);
    }

    /** A libpq connection string, each value single-quoted with {@code \} and {@code '} escaped. */
    static String conninfo(Map<String, String> parameters) {
        StringBuilder s = new StringBuilder();
        parameters.forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append("='")
                .append(v.replace("\\", "\\\\").replace("'", "\\'")).append('\''));
        return s.toString();
    }

    static String lockExclusive(QualifiedName table) {
        return "LOCK TABLE " + table.sql() + " IN EXCLUSIVE MODE";
    }

    static String detach(QualifiedName parent, QualifiedName partition) {
        return "ALTER TABLE " + parent.sql() + " DETACH PARTITION " + partition.sql();
    }

    static String rename(QualifiedName table, String newName) {
        return "ALTER TABLE " + table.sql() + " RENAME TO " + SqlIdentifiers.quote(newName);
    }

    static String dropForeignTable(QualifiedName table) {
        return "DROP FOREIGN TABLE " + table.sql();
    }

    /** The new partition: a foreign table on the target's server, with the old partition's bound. */
    static String createForeignPartition(QualifiedName partition, QualifiedName parent, String bound, String server,
                                         QualifiedName remote) {
        return "CREATE FOREIGN TABLE " + partition.sql() + " PARTITION OF " + parent.sql() + " " + bound + " SERVER "
                + SqlIdentifiers.quote(server) + " OPTIONS (schema_name " + SqlLiterals.quote(remote.schema())
                + ", table_name " + SqlLiterals.quote(remote.name()) + ")";
    }

    /** The publication of a split: only the rows of the moved half, and the marker. */
    static String createSplitPublication(String name, QualifiedName table, SplitSpec split, QualifiedName marker) {
        return "CREATE PUBLICATION " + SqlIdentifiers.quote(name) + " FOR TABLE " + table.sql() + " WHERE ("
                + movedHalf(split) + "), " + marker.sql();
    }

    /** True for a row of the half that moves: {@code satisfies_hash_partition(parent, 2M, r + M, key)}. */
    static String movedHalf(SplitSpec split) {
        return "satisfies_hash_partition(" + SqlLiterals.quote(split.hashParent().sql()) + "::regclass, "
                + split.newModulus() + ", " + split.movedRemainder() + ", " + SqlIdentifiers.quote(split.keyColumn())
                + ")";
    }

    /** A table hash-partitioned on the key's type, on the source node, whose hash function the row filter uses. */
    static String createHashHelper(SplitSpec split) {
        return "CREATE TABLE IF NOT EXISTS " + split.hashParent().sql() + " (" + SqlIdentifiers.quote(split.keyColumn())
                + " " + split.keyType() + ") PARTITION BY HASH (" + SqlIdentifiers.quote(split.keyColumn()) + ")";
    }

    static String createIdentityIndex(QualifiedName table, SplitSpec split) {
        StringBuilder cols = new StringBuilder();
        for (String c : split.identityColumns()) {
            cols.append(cols.length() == 0 ? "" : ", ").append(SqlIdentifiers.quote(c));
        }
        return "CREATE UNIQUE INDEX IF NOT EXISTS " + SqlIdentifiers.quote(split.identityIndex()) + " ON " + table.sql()
                + " (" + cols + ")";
    }

    static String identityUsing(QualifiedName table, SplitSpec split) {
        return "ALTER TABLE " + table.sql() + " REPLICA IDENTITY USING INDEX " + SqlIdentifiers.quote(split.identityIndex());
    }

    static String identityDefault(QualifiedName table) {
        return "ALTER TABLE " + table.sql() + " REPLICA IDENTITY DEFAULT";
    }

    static String dropIndex(String schema, String index) {
        return "DROP INDEX IF EXISTS " + SqlIdentifiers.quote(schema) + "." + SqlIdentifiers.quote(index);
    }

    static String deleteMovedHalf(QualifiedName table, SplitSpec split) {
        return "DELETE FROM " + table.sql() + " WHERE " + movedHalf(split);
    }

    static String checksumMovedHalf(QualifiedName table, SplitSpec split) {
        return checksum(table) + " WHERE " + movedHalf(split);
    }

    static String attachHash(QualifiedName parent, QualifiedName partition, int modulus, int remainder) {
        return "ALTER TABLE " + parent.sql() + " ATTACH PARTITION " + partition.sql() + " FOR VALUES WITH (MODULUS "
                + modulus + ", REMAINDER " + remainder + ")";
    }

    static String hashBound(int modulus, int remainder) {
        return "FOR VALUES WITH (MODULUS " + modulus + ", REMAINDER " + remainder + ")";
    }

    /** Row count and an order-independent checksum of every row's text. */
    static String checksum(QualifiedName table) {
        return "SELECT count(*), coalesce(sum(hashtextextended(t::text, 0)), 0)::text FROM " + table.sql() + " t";
    }

    /**
     * A column of the source table.
     *
     * @param name    column name
     * @param type    {@code format_type} output
     * @param notNull NOT NULL
     */
    record Column(String name, String type, boolean notNull) {
    }
}
