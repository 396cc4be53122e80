package io.pilothouse.services.shards;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Citus coordinator's shard layout from Citus's documented metadata: {@code citus_shards} (Citus 10+,
 * one row per shard placement: table_name, shardid, shard_name, citus_table_type, colocation_id, nodename,
 * nodeport, shard_size), joined to {@code pg_dist_shard} for shardminvalue/shardmaxvalue (the hash-token range),
 * and {@code pg_dist_node} for the nodes. {@code citus_shards} is itself built on {@code pg_dist_placement}, so
 * that table is not read separately.
 *
 * <p>Presence is detected through {@code pg_extension} first: on a plain PostgreSQL server the Citus catalog does
 * not exist and querying it would fail, so {@link #read} returns empty instead. Read-only; run it against the
 * coordinator.
 */
public final class CitusShardMapReader {

    static final String DETECT_SQL = "SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'citus'";

    static final String SHARDS_SQL = """
            SELECT s.table_name::text AS table_name, s.shardid, s.shard_name::text AS shard_name,
                   s.citus_table_type::text AS citus_table_type, s.colocation_id,
                   s.nodename::text AS nodename, s.nodeport, s.shard_size,
                   d.shardminvalue, d.shardmaxvalue
              FROM pg_catalog.citus_shards s
              JOIN pg_catalog.pg_dist_shard d ON d.shardid = s.shardid
             ORDER BY s.table_name::text, s.shardid, s.nodename, s.nodeport""";

    static final String NODES_SQL = """
            SELECT nodeid, groupid, nodename::text AS nodename, nodeport, isactive, noderole::text AS noderole,
                   shouldhaveshards
              FROM pg_catalog.pg_dist_node
             ORDER BY groupid, nodeid""";

    /** citus_shards first appeared in Citus 10.0. */
    private static final int FIRST_VERSION_WITH_CITUS_SHARDS = 10;

    /** The installed Citus extension version, or empty when Citus is not installed in this database. */
    public Optional<String> citusVersion(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(DETECT_SQL); ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    /**
     * The shard layout, or empty when the connected database has no Citus extension.
     *
     * @throws SQLException          if the metadata cannot be read (permissions, connection)
     * @throws IllegalStateException if Citus is older than 10 and has no {@code citus_shards} view
     */
    public Optional<CitusShardMap> read(Connection c) throws SQLException {
        Optional<String> version = citusVersion(c);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        if (major(version.get()) < FIRST_VERSION_WITH_CITUS_SHARDS) {
            throw new IllegalStateException("Citus " + version.get() + " has no citus_shards view; Pilothouse "
                    + "reads Citus 10 or newer. Upgrade the extension (ALTER EXTENSION citus UPDATE)");
        }
        List<CitusNode> nodes = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(NODES_SQL); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                nodes.add(node(rs));
            }
        }
        List<ShardRow> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(SHARDS_SQL); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                rows.add(ShardRow.of(rs));
            }
        }
        return Optional.of(new CitusShardMap(version.get(), nodes, tables(rows)));
    }

    /** One row of {@link #SHARDS_SQL}. */
    record ShardRow(String tableName, long shardId, String shardName, String tableType, Integer colocationId,
                    String nodeName, int nodePort, Long shardSize, String minValue, String maxValue) {

        static ShardRow of(ResultSet rs) throws SQLException {
            int colocation = rs.getInt("colocation_id");
            Integer colocationId = rs.wasNull() ? null : colocation;
            long size = rs.getLong("shard_size");
            Long shardSize = rs.wasNull() ? null : size;
            return new ShardRow(rs.getString("table_name"), rs.getLong("shardid"), rs.getString("shard_name"),
                    rs.getString("citus_table_type"), colocationId, rs.getString("nodename"),
                    rs.getInt("nodeport"), shardSize, rs.getString("shardminvalue"), rs.getString("shardmaxvalue"));
        }
    }

    static CitusNode node(ResultSet rs) throws SQLException {
        return new CitusNode(rs.getInt("nodeid"), rs.getInt("groupid"), rs.getString("nodename"),
                rs.getInt("nodeport"), rs.getBoolean("isactive"), rs.getString("noderole"),
                rs.getBoolean("shouldhaveshards"));
    }

    /** Groups placement rows into tables and shards; shards of a hash-distributed table in token order. */
    static List<CitusTable> tables(List<ShardRow> rows) {
        Map<String, List<ShardRow>> byTable = new LinkedHashMap<>();
        rows.forEach(r -> byTable.computeIfAbsent(r.tableName(), k -> new ArrayList<>()).add(r));
        List<CitusTable> tables = new ArrayList<>();
        byTable.forEach((name, tableRows) -> {
            Map<Long, List<ShardRow>> byShard = new LinkedHashMap<>();
            tableRows.forEach(r -> byShard.computeIfAbsent(r.shardId(), k -> new ArrayList<>()).add(r));
            List<CitusShard> shards = new ArrayList<>();
            byShard.forEach((id, placements) -> {
                ShardRow first = placements.get(0);
                shards.add(new CitusShard(id, first.shardName(), first.minValue(), first.maxValue(),
                        placements.stream().map(p -> new CitusShard.Placement(p.nodeName(), p.nodePort(),
                                p.shardSize() == null ? -1 : p.shardSize())).toList()));
            });
            shards.sort(Comparator.comparingLong(CitusShardMapReader::tokenOrder)
                    .thenComparingLong(CitusShard::shardId));
            ShardRow first = tableRows.get(0);
            tables.add(new CitusTable(name, first.tableType(), first.colocationId(), shards));
        });
        return tables;
    }

    private static long tokenOrder(CitusShard s) {
        return s.hasHashRange() ? Integer.parseInt(s.minValue()) : Long.MIN_VALUE;
    }

    static int major(String version) {
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(version.substring(0, end));
    }
}
