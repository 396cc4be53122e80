package io.pilothouse.services.shards;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.postgres.SqlIdentifiers;
import io.pilothouse.services.shards.map.MapKind;
import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.NodeReach;
import io.pilothouse.services.shards.map.ShardBound;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.services.shards.map.ShardMapReader;
import io.pilothouse.services.shards.map.ShardNodeConnector;
import io.pilothouse.services.workspace.NodeAddress;
import io.pilothouse.services.workspace.ShardMapConfig;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.Workspace;
import io.pilothouse.services.workspace.sharding.AppShardMap;
import io.pilothouse.services.workspace.sharding.DataNode;
import io.pilothouse.services.workspace.sharding.ShardedTable;
import io.pilothouse.services.workspace.sharding.ShardingRoute;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The workspace's application-level shard maps ({@code shardMaps:}: {@code key % N} over listed shards, or a
 * ShardingSphere rule file) read on the real shard databases: each data source becomes a node (its workspace
 * source's primary now, from the live estate), each physical table a shard with its size, row estimate and write
 * rate, all read with one query per node. Where the sharding column and the algorithm are known, a sample of each
 * shard's rows is routed by the rules, and rows that belong elsewhere are reported: misplaced data is what a DBA
 * most needs to see, and nothing else would show it.
 *
 * <p>Rows are sampled only when one column shards the table at every level and every level's algorithm can be
 * computed (INLINE arithmetic, MOD, HASH_MOD, {@code key % N}).
 *
 * <p>Write rates are deltas of {@code n_tup_ins + n_tup_upd + n_tup_del} between two reads by this reader, so the
 * first read has none.
 */
public final class AppShardMapReader implements ShardMapReader {

    /** Rows sampled per shard to check their routing. */
    public static final int SAMPLE_ROWS = 200;

    /** Longest period (lcm of the moduli) for which per-shard hash bounds are worked out. */
    private static final int MAX_PERIOD = 10_000;

    /**
     * Size, row estimate and write counters of each named table ({@code to_regclass} text, in order); a table that
     * does not exist comes back with {@code present = false}. {@code reltuples} is -1 before the first ANALYZE or
     * VACUUM (PostgreSQL 14+), when the live-tuple count stands in.
     */
    static final String NODE_SQL = """
            SELECT t.ord, c.oid IS NOT NULL AS present,
                   CASE WHEN c.oid IS NULL THEN NULL ELSE pg_catalog.pg_total_relation_size(c.oid) END AS bytes,
                   c.reltuples::bigint AS reltuples, s.n_live_tup,
                   s.n_tup_ins + s.n_tup_upd + s.n_tup_del AS writes
              FROM unnest(?::text[]) WITH ORDINALITY AS t(name, ord)
              LEFT JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass(t.name)
              LEFT JOIN pg_catalog.pg_stat_all_tables s ON s.relid = c.oid
             ORDER BY t.ord""";

    private final Workspace workspace;
    private final Path baseDir;
    private final Supplier<EstateSnapshot> estate;
    private final ShardNodeConnector connector;
    private final Clock clock;
    private final Map<String, Counter> previous = new ConcurrentHashMap<>();

    /**
     * @param workspace the workspace whose {@code shardMaps:} and sources are read
     * @param baseDir   directory of the workspace file, for relative ShardingSphere paths; null for the working
     *                  directory
     * @param estate    the live estate, for each source's primary now
     * @param connector how nodes are reached (the workspace's users and passfiles)
     */
    public AppShardMapReader(Workspace workspace, Path baseDir, Supplier<EstateSnapshot> estate,
                             ShardNodeConnector connector) {
        this(workspace, baseDir, estate, connector, Clock.systemUTC());
    }

    AppShardMapReader(Workspace workspace, Path baseDir, Supplier<EstateSnapshot> estate,
                      ShardNodeConnector connector, Clock clock) {
        this.workspace = workspace;
        this.baseDir = baseDir;
        this.estate = estate;
        this.connector = connector;
        this.clock = clock;
    }

    @Override
    public List<ShardMap> read() {
        List<ShardMap> maps = new ArrayList<>();
        for (ShardMapConfig config : workspace.shardMaps()) {
            maps.add(read(config));
        }
        return maps;
    }

    private ShardMap read(ShardMapConfig config) {
        Instant now = clock.instant();
        AppShardMap app;
        try {
            app = config.resolve(baseDir);
        } catch (IOException | IllegalArgumentException e) {
            return new ShardMap(config.name(), MapKind.APPLICATION, List.of(), List.of(),
                    List.of("the shard map cannot be read: " + e.getMessage() + "; fix the workspace's shardMaps "
                            + "entry or the ShardingSphere file"), now);
        }
        // A rule file may leave out dataSources: (the data nodes name them all the same).
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (String ds : app.dataSources()) {
            endpoints.put(ds, endpoint(config, ds));
        }
        app.tables().values().forEach(t -> t.dataNodes().forEach(n -> endpoints.computeIfAbsent(n.dataSource(),
                ds -> endpoint(config, ds))));
        // Every physical table of every logical table, grouped by the node that holds it.
        Map<String, List<DataNode>> byNode = new LinkedHashMap<>();
        for (ShardedTable t : app.tables().values()) {
            for (DataNode n : t.dataNodes()) {
                byNode.computeIfAbsent(endpoints.get(n.dataSource()).id(), k -> new ArrayList<>()).add(n);
            }
        }
        Map<String, MapNode> nodes = new LinkedHashMap<>();
        Map<DataNode, Stats> stats = new HashMap<>();
        Map<DataNode, List<String>> samples = new HashMap<>();
        for (Map.Entry<String, List<DataNode>> e : byNode.entrySet()) {
            Endpoint ep = endpoints.get(e.getValue().get(0).dataSource());
            nodes.put(e.getKey(), readNode(config.name(), app, ep, e.getValue(), now, stats, samples));
        }
        List<MapTable> tables = new ArrayList<>();
        for (ShardedTable t : app.tables().values()) {
            tables.add(table(t, endpoints, nodes, stats, samples));
        }
        return new ShardMap(config.name(), MapKind.APPLICATION, List.copyOf(nodes.values()), tables, List.of(),
                now);
    }

    /** Where data source {@code ds} lives now: its workspace source's primary. */
    private Endpoint endpoint(ShardMapConfig config, String ds) {
        String source;
        String database;
        if (config.isShardingSphere()) {
            ShardMapConfig.DataSourceRef ref = config.dataSources().get(ds);
            if (ref == null) {
                return new Endpoint(ds, null, null, null, 0, ds, "data source " + ds + " is not mapped to a "
                        + "workspace source; add it under the shard map's dataSources");
            }
            source = ref.source().trim();
            database = ref.database();
        } else {
            int slash = ds.indexOf('/');
            source = ds.substring(0, slash);
            database = ds.substring(slash + 1);
        }
        String label = config.isShardingSphere() ? ds + " (" + source + "/" + database + ")" : ds;
        Optional<NodeAddress> primary = primary(source);
        if (primary.isEmpty()) {
            return new Endpoint(ds, source, database, null, 0, label, "no primary of source " + source + " is "
                    + "known in the live estate; check that the cluster is up and has a leader");
        }
        return new Endpoint(ds, source, database, primary.get().host(), primary.get().port(), label, null);
    }

    /**
     * The leader of the source's cluster in the live estate; for a plain source of one node (a standalone shard
     * server) that node even when the estate has not seen it, so an unreachable server is reported with the
     * connection's own error.
     */
    private Optional<NodeAddress> primary(String source) {
        for (ClusterSnapshot c : estate.get().clusters()) {
            if (c.source().equals(source)) {
                Optional<Member> leader = c.leaderMember();
                if (leader.isPresent() && leader.get().host() != null) {
                    return Optional.of(new NodeAddress(leader.get().host(), leader.get().port()));
                }
            }
        }
        return workspace.sources().stream().filter(s -> s.name().equals(source)).filter(SourceConfig::isPlain)
                .map(SourceConfig::nodeAddresses).filter(a -> a.size() == 1).map(a -> a.get(0)).findFirst();
    }

    private MapNode readNode(String mapName, AppShardMap app, Endpoint ep, List<DataNode> shards, Instant now,
                             Map<DataNode, Stats> stats, Map<DataNode, List<String>> samples) {
        if (ep.error() != null) {
            return ep.node(NodeReach.UNREACHABLE, ep.error());
        }
        try (Connection c = connector.open(ep.source(), ep.host(), ep.port(), ep.database())) {
            readStats(mapName, ep, c, shards, now, stats);
            for (DataNode n : shards) {
                Stats s = stats.get(n);
                ShardedTable t = tableOf(app, n);
                if (s != null && s.present() && t.shardingColumns().size() == 1) {
                    samples.put(n, sample(c, t, n, s));
                }
            }
            return ep.node(NodeReach.READ, null);
        } catch (SQLException e) {
            return ep.node(NodeReach.UNREACHABLE, ep.label() + " at " + ep.host() + ":" + ep.port() + "/"
                    + ep.database() + " could not be read: " + e.getMessage() + "; check that the server is up and "
                    + "the source's user may connect to " + ep.database());
        }
    }

    private void readStats(String mapName, Endpoint ep, Connection c, List<DataNode> shards, Instant now,
                           Map<DataNode, Stats> stats) throws SQLException {
        String[] names = shards.stream().map(n -> qualified(n.table())).toArray(String[]::new);
        try (PreparedStatement st = c.prepareStatement(NODE_SQL)) {
            Array array = c.createArrayOf("text", names);
            st.setArray(1, array);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    DataNode n = shards.get(rs.getInt("ord") - 1);
                    if (!rs.getBoolean("present")) {
                        stats.put(n, Stats.MISSING);
                        continue;
                    }
                    long bytes = rs.getLong("bytes");
                    long reltuples = rs.getLong("reltuples");
                    long live = rs.getLong("n_live_tup");
                    boolean hasStats = !rs.wasNull();
                    long writes = rs.getLong("writes");
                    OptionalLong rows = reltuples >= 0 ? OptionalLong.of(reltuples)
                            : hasStats ? OptionalLong.of(live) : OptionalLong.empty();
                    OptionalDouble rate = hasStats ? rate(mapName + "|" + ep.id() + "|" + n.table(), writes, now)
                            : OptionalDouble.empty();
                    stats.put(n, new Stats(true, OptionalLong.of(bytes), rows, rate));
                }
            }
        }
    }

    private OptionalDouble rate(String key, long writes, Instant now) {
        Counter before = previous.put(key, new Counter(writes, now));
        if (before == null) {
            return OptionalDouble.empty();
        }
        double seconds = Duration.between(before.at(), now).toNanos() / 1e9;
        long delta = writes - before.writes();
        // A negative delta is a statistics reset; no rate until the next read.
        return seconds <= 0 || delta < 0 ? OptionalDouble.empty() : OptionalDouble.of(delta / seconds);
    }

    /** The sharding keys of up to {@link #SAMPLE_ROWS} rows of the shard, as text ("error: …" when unreadable). */
    private static List<String> sample(Connection c, ShardedTable t, DataNode n, Stats s) {
        String column = t.shardingColumns().iterator().next();
        String sql = "SELECT " + SqlIdentifiers.quote(column) + " FROM " + qualified(n.table())
                + " TABLESAMPLE SYSTEM (CAST(? AS real)) LIMIT " + SAMPLE_ROWS;
        long rows = s.rows().orElse(0);
        // SYSTEM samples whole pages; ask for five times the rows needed so a sample is rarely short.
        double percent = rows <= 5L * SAMPLE_ROWS ? 100 : Math.max(0.001, 100.0 * 5 * SAMPLE_ROWS / rows);
        List<String> keys = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setDouble(1, percent);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String v = rs.getString(1);
                    if (v != null) {
                        keys.add(v);
                    }
                }
            }
        } catch (SQLException e) {
            return List.of("error: " + e.getMessage());
        }
        return keys;
    }

    private static ShardedTable tableOf(AppShardMap app, DataNode n) {
        return app.tables().values().stream().filter(t -> t.dataNodes().contains(n)).findFirst().orElseThrow();
    }

    private static MapTable table(ShardedTable t, Map<String, Endpoint> endpoints, Map<String, MapNode> nodes,
                                  Map<DataNode, Stats> stats, Map<DataNode, List<String>> samples) {
        Map<DataNode, ShardBound> bounds = bounds(t);
        List<MapShard> shards = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (DataNode n : t.dataNodes()) {
            Endpoint ep = endpoints.get(n.dataSource());
            MapNode node = nodes.get(ep.id());
            Stats s = stats.get(n);
            String problem = null;
            if (node.reach() != NodeReach.READ) {
                problem = n + " was not read: " + node.error();
            } else if (s == null || !s.present()) {
                problem = n.table() + " does not exist in " + ep.source() + "/" + ep.database()
                        + "; create it or fix the shard map";
            }
            List<String> misrouted = misrouted(t, n, samples.get(n));
            if (problem == null && !misrouted.isEmpty()) {
                problem = misrouted.get(0);
            }
            if (problem != null && !misrouted.contains(problem)) {
                problems.add(problem);
            }
            problems.addAll(misrouted);
            Stats known = s == null ? Stats.MISSING : s;
            shards.add(new MapShard(n.toString(), ep.id(), n.table(), bounds.get(n),
                    false, known.bytes(), known.rows(), known.writesPerSecond(), problem));
        }
        return new MapTable(t.logicalTable(), strategy(t), shards, problems);
    }

    /** "N of M sampled rows of ds1.orders_3 route to ds0.orders_2 by the rules", one per wrong target. */
    private static List<String> misrouted(ShardedTable t, DataNode n, List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return List.of();
        }
        if (keys.size() == 1 && keys.get(0).startsWith("error: ")) {
            return List.of("the rows of " + n + " could not be sampled to check their routing ("
                    + keys.get(0).substring(7) + ")");
        }
        Map<String, Integer> elsewhere = new TreeMap<>();
        int unroutable = 0;
        String why = null;
        for (String key : keys) {
            try {
                DataNode home = t.locate(Long.parseLong(key.trim()));
                if (!home.equals(n)) {
                    elsewhere.merge(home.toString(), 1, Integer::sum);
                }
            } catch (IllegalArgumentException e) {
                unroutable++;
                why = e.getMessage();
            }
        }
        List<String> out = new ArrayList<>();
        elsewhere.forEach((target, count) -> out.add(count + " of " + keys.size() + " sampled rows of " + n
                + " route to " + target + " by the rules"));
        if (unroutable > 0) {
            out.add(unroutable + " of " + keys.size() + " sampled rows of " + n + " cannot be routed by the rules ("
                    + why + ")");
        }
        return out;
    }

    /**
     * Hash bounds when the routing repeats with a period P (the lcm of the MOD / {@code key % N} moduli) and every
     * shard takes exactly one remainder of P; text otherwise. INLINE levels are checked to agree with P by routing
     * each remainder at a few multiples of P.
     */
    static Map<DataNode, ShardBound> bounds(ShardedTable t) {
        Map<DataNode, ShardBound> bounds = new LinkedHashMap<>();
        String text = strategy(t);
        t.dataNodes().forEach(n -> bounds.put(n, new ShardBound.Other(text)));
        long period = 1;
        boolean periodic = false;
        for (ShardingRoute r : new ShardingRoute[] {t.databaseRoute(), t.tableRoute()}) {
            if (r != null && r.period() > 0) {
                period = lcm(period, r.period());
                periodic = true;
            }
        }
        if (!periodic || period > MAX_PERIOD || t.shardingColumns().size() != 1) {
            return bounds;
        }
        Map<DataNode, List<Integer>> remainders = new LinkedHashMap<>();
        try {
            for (int r = 0; r < period; r++) {
                DataNode home = t.locate(r);
                for (long k : new long[] {r + period, r + 7 * period, r + 1_000_003L * period}) {
                    if (!t.locate(k).equals(home)) {
                        return bounds;
                    }
                }
                remainders.computeIfAbsent(home, k -> new ArrayList<>()).add(r);
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            return bounds;
        }
        String column = t.shardingColumns().iterator().next();
        for (DataNode n : t.dataNodes()) {
            List<Integer> rs = remainders.getOrDefault(n, List.of());
            bounds.put(n, rs.size() == 1 ? new ShardBound.Hash((int) period, rs.get(0))
                    : new ShardBound.Other(rs.isEmpty() ? "no " + column + " routes here"
                    : column + " % " + period + " in " + rs));
        }
        return bounds;
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long tmp = x % y;
            x = y;
            y = tmp;
        }
        return a / x * b;
    }

    /** {@code user_id % 4}, or {@code database ds$->{user_id % 2}, table MOD(user_id, 4)}. */
    static String strategy(ShardedTable t) {
        if (t.databaseRoute() instanceof ShardingRoute.Indexed db && t.tableRoute() instanceof ShardingRoute.Indexed tr
                && db.column().equals(tr.column()) && db.targets().size() == tr.targets().size()) {
            return db.describe();
        }
        if (t.databaseRoute() != null && t.tableRoute() == null) {
            return t.databaseRoute().describe();
        }
        if (t.databaseRoute() == null && t.tableRoute() != null) {
            return t.tableRoute().describe();
        }
        if (t.databaseRoute() == null) {
            return "not sharded";
        }
        return "database " + t.databaseRoute().describe() + ", table " + t.tableRoute().describe();
    }

    /** A physical table ({@code table} or {@code schema.table}) with each part quoted, for SQL and to_regclass. */
    static String qualified(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? SqlIdentifiers.quote(table)
                : SqlIdentifiers.quote(table.substring(0, dot)) + "." + SqlIdentifiers.quote(table.substring(dot + 1));
    }

    /** Where a data source is, or why that is not known. */
    private record Endpoint(String dataSource, String source, String database, String host, int port, String label,
                            String error) {

        String id() {
            return host == null ? (source == null ? dataSource : source) + ":?/" + (database == null ? "?" : database)
                    : MapNode.idOf(host, port, database);
        }

        MapNode node(NodeReach reach, String why) {
            return new MapNode(id(), label, host, port, database, source, reach, why);
        }
    }

    private record Stats(boolean present, OptionalLong bytes, OptionalLong rows, OptionalDouble writesPerSecond) {
        static final Stats MISSING = new Stats(false, OptionalLong.empty(), OptionalLong.empty(),
                OptionalDouble.empty());
    }

    private record Counter(long writes, Instant at) {
    }
}
