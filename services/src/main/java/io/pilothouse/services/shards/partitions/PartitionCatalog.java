package io.pilothouse.services.shards.partitions;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads every leaf partition of every top partitioned table of one database, outside the system schemas. */
public final class PartitionCatalog {

    /**
     * Leaves under each top partitioned table, recursively through sub-partitioned partitions, with the local
     * figures of local leaves and the foreign server and table options of foreign ones.
     */
    static final String LEAVES = """
            WITH RECURSIVE roots AS (
                SELECT pt.partrelid AS root, pt.partnatts, pt.partattrs
                FROM pg_partitioned_table pt
                JOIN pg_class c ON c.oid = pt.partrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE NOT c.relispartition
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
            ), tree AS (
                SELECT r.root, i.inhrelid AS rel, i.inhrelid AS top, 1 AS depth
                FROM roots r JOIN pg_inherits i ON i.inhparent = r.root
                UNION ALL
                SELECT t.root, i.inhrelid, t.top, t.depth + 1
                FROM tree t JOIN pg_inherits i ON i.inhparent = t.rel
            )
            SELECT rn.nspname AS root_schema, rc.relname AS root_name, pg_get_partkeydef(t.root) AS keydef,
                   (SELECT a.attname FROM pg_attribute a
                     WHERE r.partnatts = 1 AND a.attrelid = t.root AND a.attnum = r.partattrs[0]) AS key_column,
                   tn.nspname || '.' || tc.relname AS top_name, pg_get_expr(tc.relpartbound, tc.oid) AS top_bound,
                   cn.nspname AS schema, c.relname AS name, c.relkind = 'f' AS is_foreign,
                   pg_get_expr(c.relpartbound, c.oid) AS bound, t.depth,
                   s.srvname, s.srvoptions, ft.ftoptions,
                   CASE WHEN c.relkind <> 'f' THEN pg_total_relation_size(c.oid) END AS bytes,
                   c.reltuples, st.n_live_tup, st.n_tup_ins + st.n_tup_upd + st.n_tup_del AS writes
            FROM tree t
            JOIN roots r ON r.root = t.root
            JOIN pg_class rc ON rc.oid = t.root
            JOIN pg_namespace rn ON rn.oid = rc.relnamespace
            JOIN pg_class tc ON tc.oid = t.top
            JOIN pg_namespace tn ON tn.oid = tc.relnamespace
            JOIN pg_class c ON c.oid = t.rel
            JOIN pg_namespace cn ON cn.oid = c.relnamespace
            LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid
            LEFT JOIN pg_foreign_server s ON s.oid = ft.ftserver
            LEFT JOIN pg_stat_user_tables st ON st.relid = c.oid
            WHERE c.relkind <> 'p'
            ORDER BY rn.nspname, rc.relname, cn.nspname, c.relname
            """;

    private PartitionCatalog() {
    }

    /** Every leaf partition, grouped by top table (in name order). */
    public static List<PartitionRow> read(Connection c) throws SQLException {
        List<PartitionRow> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(LEAVES); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                boolean foreign = rs.getBoolean("is_foreign");
                long bytes = rs.getLong("bytes");
                boolean hasBytes = !rs.wasNull();
                TableFigures local = foreign || !hasBytes ? null : new TableFigures(bytes,
                        TableFigures.rows(rs.getDouble("reltuples"), rs.getLong("n_live_tup")), rs.getLong("writes"));
                rows.add(new PartitionRow(rs.getString("root_schema"), rs.getString("root_name"),
                        rs.getString("keydef"), rs.getString("key_column"), rs.getString("top_name"),
                        rs.getString("top_bound"), rs.getString("schema"), rs.getString("name"), foreign,
                        rs.getString("bound"), rs.getInt("depth"), rs.getString("srvname"),
                        options(rs.getArray("srvoptions")), options(rs.getArray("ftoptions")), local));
            }
        }
        return rows;
    }

    /** {@code {host=10.0.0.1,port=5433}} → a map; an option is {@code name=value}, the value may contain '='. */
    static Map<String, String> options(Array array) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        if (array == null) {
            return out;
        }
        for (Object o : (Object[]) array.getArray()) {
            String s = String.valueOf(o);
            int eq = s.indexOf('=');
            if (eq > 0) {
                out.put(s.substring(0, eq), s.substring(eq + 1));
            }
        }
        return out;
    }
}
