package io.pilothouse.services.shards.partitions;

import io.pilothouse.services.postgres.SqlIdentifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks range bound literals in the order of the partition key's own type and collation, on the coordinator, so
 * timestamps, numbers and collated text compare as PostgreSQL compares them. The type and collation are named by
 * their schema and name from the catalog, each quoted by {@link SqlIdentifiers}; reading needs no access to the
 * table's schema (a {@code pg_monitor} role is enough for built-in key types).
 */
public final class RangeRanks {

    /** The key column's type and, when not the default, the key's collation. */
    static final String KEY_TYPE = """
            SELECT tn.nspname, t.typname, cn.nspname, co.collname
            FROM pg_partitioned_table pt
            JOIN pg_class c ON c.oid = pt.partrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = pt.partattrs[0]
            JOIN pg_type t ON t.oid = a.atttypid
            JOIN pg_namespace tn ON tn.oid = t.typnamespace
            LEFT JOIN pg_collation co ON co.oid = pt.partcollation[0] AND co.collname <> 'default'
            LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
            WHERE n.nspname = ? AND c.relname = ? AND pt.partnatts = 1
            """;

    private static final String RANK = """
            SELECT b.v, dense_rank() OVER (ORDER BY CAST(b.v AS %s)%s)
            FROM unnest(?::text[]) AS b(v)
            """;

    private RangeRanks() {
    }

    /**
     * Rank (1 = lowest, equal values share a rank) of each of {@code literals} (unquoted text) as values of the
     * single key column of {@code schema.table}; empty when the table has no such key.
     */
    public static Map<String, Long> rank(Connection c, String schema, String table, List<String> literals)
            throws SQLException {
        String type;
        String collation = "";
        try (PreparedStatement st = c.prepareStatement(KEY_TYPE)) {
            st.setString(1, schema);
            st.setString(2, table);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Map.of();
                }
                type = SqlIdentifiers.quote(rs.getString(1)) + "." + SqlIdentifiers.quote(rs.getString(2));
                if (rs.getString(4) != null) {
                    collation = " COLLATE " + SqlIdentifiers.quote(rs.getString(3)) + "."
                            + SqlIdentifiers.quote(rs.getString(4));
                }
            }
        }
        Map<String, Long> ranks = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(RANK.formatted(type, collation))) {
            st.setArray(1, c.createArrayOf("text", literals.stream().distinct().toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ranks.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return ranks;
    }
}
