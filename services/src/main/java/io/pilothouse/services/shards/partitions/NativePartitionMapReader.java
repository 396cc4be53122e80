package io.pilothouse.services.shards.partitions;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Shard maps of native partitioning: on the primary of every cluster of the workspace, in its source's database,
 * every partitioned table with its leaf partitions; foreign partitions are followed to the server their foreign
 * server names and read there, one query per node. One map per database that has partitioned tables, its coordinator
 * first among the nodes. Keeps the previous write counters to give write rates; safe to call from one thread at a
 * time (calls are serialised).
 */
public final class NativePartitionMapReader implements ShardMapReader {

    private static final Logger LOG = LoggerFactory.getLogger(NativePartitionMapReader.class);

    private final Supplier<EstateSnapshot> estate;
    private final Workspace workspace;
    private final ShardNodeConnector connector;
    private final Clock clock;
    private final WriteRates rates = new WriteRates();

    /**
     * @param estate    the live estate (whose primaries are read)
     * @param workspace the workspace (each source's PostgreSQL database)
     * @param connector how nodes are reached
     * @param clock     read times, for write rates
     */
    public NativePartitionMapReader(Supplier<EstateSnapshot> estate, Workspace workspace,
                                    ShardNodeConnector connector, Clock clock) {
        this.estate = estate;
        this.workspace = workspace;
        this.connector = connector;
        this.clock = clock;
    }

    @Override
    public synchronized List<ShardMap> read() {
        List<ShardMap> maps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        EstateSnapshot now = estate.get();
        for (ClusterSnapshot cluster : now.clusters()) {
            Optional<Member> leader = cluster.leaderMember();
            Optional<SourceConfig> source = workspace.sources().stream()
                    .filter(s -> s.name().equals(cluster.source())).findFirst();
            if (leader.isEmpty() || source.isEmpty() || source.get().postgres() == null) {
                continue;
            }
            readCoordinator(now, cluster, leader.get(), source.get().postgres().database(), seen)
                    .ifPresent(maps::add);
        }
        rates.retainOnly(seen);
        return maps;
    }

    private Optional<ShardMap> readCoordinator(EstateSnapshot live, ClusterSnapshot cluster, Member leader,
                                               String database, Set<String> seen) {
        List<PartitionRow> rows;
        Map<String, Map<String, Long>> ranks = new HashMap<>();
        List<String> mapProblems = new ArrayList<>();
        Instant now;
        try (Connection c = connector.open(cluster.source(), leader.host(), leader.port(), database)) {
            rows = PartitionCatalog.read(c);
            now = clock.instant();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            rankRanges(c, rows, ranks, mapProblems);
        } catch (SQLException | RuntimeException e) {
            // Not knowing whether a cluster is a coordinator at all, a map of nothing would only be noise.
            LOG.warn("Cannot read the partitions of {} on {}:{}/{}: {}", cluster.scope(), leader.host(),
                    leader.port(), database, e.getMessage());
            return Optional.empty();
        }
        MapNode coordinator = new MapNode(MapNode.idOf(leader.host(), leader.port(), database), cluster.scope(),
                leader.host(), leader.port(), database, cluster.source(), NodeReach.READ, null);
        Map<String, NodeRead> reads = readShardNodes(live, rows, database);
        List<MapNode> nodes = new ArrayList<>(List.of(coordinator));
        reads.values().stream().map(NodeRead::node).filter(n -> !n.id().equals(coordinator.id()))
                .forEach(nodes::add);

        Map<String, List<PartitionRow>> byRoot = new LinkedHashMap<>();
        rows.forEach(r -> byRoot.computeIfAbsent(r.rootQualified(), k -> new ArrayList<>()).add(r));
        List<MapTable> tables = new ArrayList<>();
        for (List<PartitionRow> rootRows : byRoot.values()) {
            List<MapShard> shards = rootRows.stream()
                    .map(r -> shard(live, r, coordinator, reads, database, now, seen)).toList();
            tables.add(TableLayout.build(rootRows, shards,
                    ranks.getOrDefault(rootRows.get(0).rootQualified(), Map.of())));
        }
        return Optional.of(new ShardMap(cluster.scope() + ": " + database + " on " + coordinator.endpoint(),
                MapKind.NATIVE_PARTITIONING, nodes, tables, mapProblems, now));
    }

    /** Ranks the literals of single-column range bounds with the key's type, per table; a failure is a map problem. */
    private static void rankRanges(Connection c, List<PartitionRow> rows, Map<String, Map<String, Long>> ranks,
                                   List<String> problems) {
        Map<String, List<PartitionRow>> ranged = new LinkedHashMap<>();
        rows.stream().filter(r -> r.keyColumn() != null && r.keyDef() != null && r.keyDef().startsWith("RANGE"))
                .forEach(r -> ranged.computeIfAbsent(r.rootQualified(), k -> new ArrayList<>()).add(r));
        for (List<PartitionRow> parts : ranged.values()) {
            PartitionRow first = parts.get(0);
            List<String> literals = new ArrayList<>();
            for (PartitionRow r : parts) {
                if (BoundParser.parse(r.topBound()) instanceof ShardBound.Range range) {
                    for (String v : List.of(range.from(), range.to())) {
                        String literal = TableLayout.literal(v);
                        if (literal != null) {
                            literals.add(literal);
                        }
                    }
                }
            }
            try {
                ranks.put(first.rootQualified(), RangeRanks.rank(c, first.rootSchema(), first.rootName(),
                        literals));
            } catch (SQLException | IllegalArgumentException e) {
                problems.add("could not order the range bounds of " + first.rootQualified()
                        + " to look for gaps: " + e.getMessage());
            }
        }
    }

    /** Every node foreign partitions point at, read once each with all its tables. */
    private Map<String, NodeRead> readShardNodes(EstateSnapshot live, List<PartitionRow> rows, String database) {
        Map<String, ForeignTarget> nodeOf = new LinkedHashMap<>();
        Map<String, String> labels = new HashMap<>();
        Map<String, List<RemoteFigures.Table>> tables = new LinkedHashMap<>();
        for (PartitionRow r : rows) {
            if (!r.foreign()) {
                continue;
            }
            ForeignTarget.of(r, database, live).ifPresent(t -> {
                nodeOf.putIfAbsent(t.nodeId(), t);
                labels.putIfAbsent(t.nodeId(), r.server());
                tables.computeIfAbsent(t.nodeId(), k -> new ArrayList<>()).add(t.remoteTable());
            });
        }
        Map<String, NodeRead> reads = new LinkedHashMap<>();
        nodeOf.forEach((id, t) -> reads.put(id, NodeRead.of(connector, clock, labels.get(id), t.host(), t.port(),
                t.database(), tables.get(id))));
        return reads;
    }

    private MapShard shard(EstateSnapshot live, PartitionRow r, MapNode coordinator, Map<String, NodeRead> reads,
                           String database, Instant now, Set<String> seen) {
        ShardBound bound = r.depth() == 1 ? BoundParser.parse(r.bound())
                : new ShardBound.Other(BoundParser.parse(r.topBound()).display() + " / "
                        + BoundParser.parse(r.bound()).display());
        if (!r.foreign()) {
            return measured(r.qualified(), coordinator.id(), r.qualified(), bound, false, r.local(), now, seen);
        }
        Optional<ForeignTarget> target = ForeignTarget.of(r, database, live);
        if (target.isEmpty()) {
            return new MapShard(r.qualified(), null, null, bound, true, OptionalLong.empty(), OptionalLong.empty(),
                    OptionalDouble.empty(), r.qualified() + " has no home: foreign server " + r.server()
                            + " names no host (or no valid port); set its host and port options");
        }
        ForeignTarget t = target.get();
        NodeRead read = reads.get(t.nodeId());
        MapNode node = read.node();
        String remote = t.remoteTable().qualified();
        String where = node.label() + " (" + node.id() + ")";
        if (node.reach() != NodeReach.READ) {
            String why = node.reach() == NodeReach.UNREACHABLE ? "could not be read" : "is not in the workspace";
            return new MapShard(r.qualified(), node.id(), remote, bound, true, OptionalLong.empty(),
                    OptionalLong.empty(), OptionalDouble.empty(), r.qualified() + " is on " + where + ", which "
                    + why + ": sizes unknown");
        }
        TableFigures figures = read.figures().get(t.remoteTable());
        if (figures == null) {
            return new MapShard(r.qualified(), node.id(), remote, bound, true, OptionalLong.empty(),
                    OptionalLong.empty(), OptionalDouble.empty(),
                    r.qualified() + " has no table " + remote + " on " + where);
        }
        return measured(r.qualified(), node.id(), remote, bound, true, figures, read.readAt(), seen);
    }

    private MapShard measured(String name, String nodeId, String remote, ShardBound bound, boolean foreign,
                              TableFigures figures, Instant now, Set<String> seen) {
        if (figures == null) {
            return new MapShard(name, nodeId, remote, bound, foreign, OptionalLong.empty(), OptionalLong.empty(),
                    OptionalDouble.empty(), null);
        }
        String key = nodeId + "|" + remote;
        seen.add(key);
        return new MapShard(name, nodeId, remote, bound, foreign, OptionalLong.of(figures.bytes()),
                OptionalLong.of(figures.rows()), rates.record(key, figures.writes(), now), null);
    }
}
