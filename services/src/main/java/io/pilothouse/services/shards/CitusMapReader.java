package io.pilothouse.services.shards;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.shards.map.MapKind;
import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.NodeReach;
import io.pilothouse.services.shards.map.ShardBound;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.services.shards.map.ShardMapReader;
import io.pilothouse.services.shards.map.ShardNodeConnector;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Citus shard maps: on each cluster's primary (in the database its workspace source names), the layout
 * {@link CitusShardMapReader} reads from Citus's metadata, in the common model. A cluster without the extension has
 * no map (that is the normal case, not a problem); nor has one whose primary cannot be reached, since then nothing
 * says Citus is there: the native-partitioning and estate views already flag an unreachable primary.
 */
public final class CitusMapReader implements ShardMapReader {

    private static final Logger LOG = LoggerFactory.getLogger(CitusMapReader.class);

    private final Workspace workspace;
    private final Supplier<EstateSnapshot> estate;
    private final ShardNodeConnector connector;
    private final Clock clock;
    private final CitusShardMapReader citus = new CitusShardMapReader();

    /**
     * @param workspace the workspace, for each source's database
     * @param estate    the live estate, for each cluster's primary now
     * @param connector how primaries are reached, and which source a Citus worker belongs to
     */
    public CitusMapReader(Workspace workspace, Supplier<EstateSnapshot> estate, ShardNodeConnector connector) {
        this(workspace, estate, connector, Clock.systemUTC());
    }

    CitusMapReader(Workspace workspace, Supplier<EstateSnapshot> estate, ShardNodeConnector connector,
                   Clock clock) {
        this.workspace = workspace;
        this.estate = estate;
        this.connector = connector;
        this.clock = clock;
    }

    @Override
    public List<ShardMap> read() {
        List<ShardMap> maps = new ArrayList<>();
        for (ClusterSnapshot cluster : estate.get().clusters()) {
            Optional<Member> primary = cluster.leaderMember().filter(m -> m.host() != null);
            Optional<SourceConfig> source = workspace.sources().stream()
                    .filter(s -> s.name().equals(cluster.source()) && s.postgres() != null).findFirst();
            if (primary.isEmpty() || source.isEmpty()) {
                continue;
            }
            String host = primary.get().host();
            int port = primary.get().port();
            String database = source.get().postgres().database();
            try {
                readPrimary(cluster.source(), host, port, database).ifPresent(maps::add);
            } catch (SQLException e) {
                LOG.debug("Citus not checked on {}:{}/{}: {}", host, port, database, e.getMessage());
            } catch (IllegalStateException e) {
                maps.add(new ShardMap(name(cluster.source(), host, port, database), MapKind.CITUS, List.of(),
                        List.of(), List.of(e.getMessage()), clock.instant()));
            }
        }
        return maps;
    }

    /**
     * The Citus map of one primary, or empty when the database has no Citus extension.
     *
     * @throws SQLException          when the primary cannot be reached or read
     * @throws IllegalStateException when Citus is too old to have {@code citus_shards}
     */
    Optional<ShardMap> readPrimary(String source, String host, int port, String database) throws SQLException {
        try (Connection c = connector.open(source, host, port, database)) {
            return citus.read(c).map(l -> toMap(source, host, port, database, l, connector::sourceAt,
                    clock.instant()));
        }
    }

    /** {@code citus: postgres on 10.0.0.1:5432 (source)}. */
    static String name(String source, String host, int port, String database) {
        return "citus: " + database + " on " + host + ":" + port + " (" + source + ")";
    }

    /**
     * The common model of one coordinator's Citus layout: the coordinator first, then every {@code pg_dist_node}
     * row; one shard per placement (a reference table has one on every node), bounded by its hash-token range, sized
     * from {@code citus_shards}. Citus keeps no per-shard row estimate there, so rows and write rates stay empty.
     *
     * @param sourceAt which workspace source has a member at a host and port, for a worker's HA state
     */
    static ShardMap toMap(String source, String host, int port, String database, CitusShardMap layout,
                          java.util.function.BiFunction<String, Integer, Optional<String>> sourceAt, Instant now) {
        Map<String, MapNode> nodes = new LinkedHashMap<>();
        String coordinatorId = MapNode.idOf(host, port, database);
        nodes.put(coordinatorId, new MapNode(coordinatorId, host + ":" + port + " (coordinator)", host, port,
                database, source, NodeReach.READ, null));
        for (CitusNode n : layout.nodes()) {
            String id = MapNode.idOf(n.name(), n.port(), database);
            if (nodes.containsKey(id)) {
                continue;
            }
            String label = n.name() + ":" + n.port() + (n.groupId() == 0 ? " (coordinator)" : "")
                    + ("primary".equals(n.role()) ? "" : " (" + n.role() + ")");
            nodes.put(id, new MapNode(id, label, n.name(), n.port(), database,
                    sourceAt.apply(n.name(), n.port()).orElse(null), n.active() ? NodeReach.READ
                    : NodeReach.UNREACHABLE, n.active() ? null : "Citus marks " + n.name() + ":" + n.port()
                    + " inactive (pg_dist_node.isactive = false); bring it back and run citus_activate_node"));
        }
        List<MapTable> tables = new ArrayList<>();
        for (CitusTable t : layout.tables()) {
            tables.add(table(t, database, nodes));
        }
        return new ShardMap(name(source, host, port, database), MapKind.CITUS, List.copyOf(nodes.values()), tables,
                List.of(), now);
    }

    private static MapTable table(CitusTable t, String database, Map<String, MapNode> nodes) {
        List<MapShard> shards = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (CitusShard s : t.shards()) {
            ShardBound bound = s.hasHashRange() ? new ShardBound.Other("hash tokens [" + s.minValue() + ", "
                    + s.maxValue() + "]") : new ShardBound.Other("reference".equals(t.tableType())
                    ? "every row (reference)" : "every row");
            boolean several = s.placements().size() > 1;
            for (CitusShard.Placement p : s.placements()) {
                String nodeId = MapNode.idOf(p.nodeName(), p.nodePort(), database);
                String problem = null;
                MapNode node = nodes.get(nodeId);
                if (node == null) {
                    problem = s.shardName() + " has a placement on " + p.nodeName() + ":" + p.nodePort()
                            + ", which pg_dist_node does not list";
                } else if (node.reach() != NodeReach.READ) {
                    problem = s.shardName() + " is on " + node.label() + ", which Citus marks inactive";
                }
                if (problem != null) {
                    problems.add(problem);
                }
                shards.add(new MapShard(several ? s.shardName() + " @ " + p.nodeName() + ":" + p.nodePort()
                        : s.shardName(), nodeId, s.shardName(), bound, false,
                        p.sizeBytes() < 0 ? OptionalLong.empty() : OptionalLong.of(p.sizeBytes()),
                        OptionalLong.empty(), OptionalDouble.empty(), problem));
            }
        }
        if ("distributed".equals(t.tableType())) {
            problems.addAll(tokenGaps(t));
        }
        String strategy = "citus " + t.tableType() + (t.colocationId() == null ? "" : ", colocation "
                + t.colocationId());
        return new MapTable(t.name(), strategy, shards, problems);
    }

    /** Hash-token ranges of a distributed table that no shard covers, or that two shards do. */
    static List<String> tokenGaps(CitusTable t) {
        List<CitusShard> hashed = t.shards().stream().filter(CitusShard::hasHashRange)
                .sorted(Comparator.comparingInt((CitusShard s) -> Integer.parseInt(s.minValue()))).toList();
        List<String> problems = new ArrayList<>();
        if (hashed.isEmpty()) {
            return problems;
        }
        long expected = Integer.MIN_VALUE;
        for (CitusShard s : hashed) {
            long min = Integer.parseInt(s.minValue());
            long max = Integer.parseInt(s.maxValue());
            if (min > expected) {
                problems.add(t.name() + ": hash tokens [" + expected + ", " + (min - 1) + "] have no shard");
            } else if (min < expected) {
                problems.add(t.name() + ": " + s.shardName() + " overlaps hash tokens [" + min + ", "
                        + (expected - 1) + "] of another shard");
            }
            expected = Math.max(expected, max + 1);
        }
        if (expected <= Integer.MAX_VALUE) {
            problems.add(t.name() + ": hash tokens [" + expected + ", " + Integer.MAX_VALUE + "] have no shard");
        }
        return problems;
    }
}
