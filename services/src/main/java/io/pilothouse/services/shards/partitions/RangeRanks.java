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
 * Ranks range bound literals in the order of the partition key's own type and collation, on the coordinator: each
 * literal is turned into a value of the key column through {@code jsonb_populate_record} on the table's row type, so
 * timestamps, numbers and collated text compare as PostgreSQL compares them, and no type name is spliced into SQL.
 */
public final class RangeRanks {

    private static final String RANK = """
            SELECT b.v, dense_rank() OVER (ORDER BY (jsonb_populate_record(NULL::%s,
                       jsonb_build_object(?::text, b.v))).%s)
            FROM unnest(?::text[]) AS b(v)
            """;

    private RangeRanks() {
    }

    /**
     * Rank (1 = lowest, equal values share a rank) of each of {@code literals} (unquoted text) as values of
     * {@code keyColumn} of {@code schema.table}.
     */
    public static Map<String, Long> rank(Connection c, String schema, String table, String keyColumn,
                                         List<String> literals) throws SQLException {
        String sql = RANK.formatted(SqlIdentifiers.quote(schema) + "." + SqlIdentifiers.quote(table),
                SqlIdentifiers.quote(keyColumn));
        Map<String, Long> ranks = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, keyColumn);
            st.setArray(2, c.createArrayOf("text", literals.stream().distinct().toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ranks.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return ranks;
    }
}
