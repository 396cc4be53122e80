package io.pilothouse.services.shards.partitions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the figures of many tables of one node in one query; tables the node does not have are left out. */
public final class RemoteFigures {

    /** Qualified names as two parallel arrays, so no name is ever spliced into the statement. */
    static final String FIGURES = """
            SELECT r.schema_name, r.table_name, pg_total_relation_size(c.oid) AS bytes, c.reltuples,
                   coalesce(s.n_live_tup, 0) AS n_live_tup,
                   coalesce(s.n_tup_ins + s.n_tup_upd + s.n_tup_del, 0) AS writes
            FROM unnest(?::text[], ?::text[]) AS r(schema_name, table_name)
            JOIN pg_namespace n ON n.nspname = r.schema_name
            JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = r.table_name
                           AND c.relkind IN ('r', 'p', 'm', 'f')
            LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
            """;

    private RemoteFigures() {
    }

    /**
     * A table named by schema and name.
     *
     * @param schema its schema
     * @param name   its name
     */
    public record Table(String schema, String name) {
        /** {@code schema.name}. */
        public String qualified() {
            return schema + "." + name;
        }
    }

    /** The figures of those of {@code tables} that exist on the node {@code c} is connected to. */
    public static Map<Table, TableFigures> read(Connection c, List<Table> tables) throws SQLException {
        Map<Table, TableFigures> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(FIGURES)) {
            st.setArray(1, c.createArrayOf("text", tables.stream().map(Table::schema).toArray()));
            st.setArray(2, c.createArrayOf("text", tables.stream().map(Table::name).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(new Table(rs.getString(1), rs.getString(2)), new TableFigures(rs.getLong("bytes"),
                            TableFigures.rows(rs.getDouble("reltuples"), rs.getLong("n_live_tup")),
                            rs.getLong("writes")));
                }
            }
        }
        return out;
    }
}
