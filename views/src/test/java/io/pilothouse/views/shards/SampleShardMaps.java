package io.pilothouse.views.shards;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.shards.map.MapKind;
import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.NodeReach;
import io.pilothouse.services.shards.map.ShardBound;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.views.SampleEstates;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Hand-built shard maps: a coordinator (the leader of {@link SampleEstates#ordersProd()}) and two shard nodes, one of
 * them unreachable; {@code demo.orders} hash-partitioned in 8 over all three, {@code demo.events} range-partitioned in
 * 7 with a gap and a partition without a home.
 */
final class SampleShardMaps {

    static final long MIB = 1024L * 1024;
    static final String COORDINATOR = "orders-prod";
    static final String SHARD1 = "shard1";
    static final String SHARD2 = "shard2";
    static final String UNREACHABLE = "connection refused: is PostgreSQL running on 10.30.0.22:5432 and accepting "
            + "TCP/IP connections? Start it or fix the foreign server's host/port.";

    static final MapNode COORDINATOR_NODE = new MapNode(MapNode.idOf("10.20.1.11", 5432, "postgres"), COORDINATOR,
            "10.20.1.11", 5432, "postgres", SampleEstates.EU, NodeReach.READ, null);
    static final MapNode SHARD1_NODE = new MapNode(MapNode.idOf("10.30.0.21", 5432, "postgres"), SHARD1,
            "10.30.0.21", 5432, "postgres", SHARD1, NodeReach.READ, null);
    static final MapNode SHARD2_NODE = new MapNode(MapNode.idOf("10.30.0.22", 5432, "postgres"), SHARD2,
            "10.30.0.22", 5432, "postgres", SHARD2, NodeReach.UNREACHABLE, UNREACHABLE);

    private SampleShardMaps() {
    }

    static MapShard shard(String name, MapNode node, ShardBound bound, boolean foreign, Long mib, Long rows,
                          Double writes, String problem) {
        return new MapShard(name, node == null ? null : node.id(), name, bound, foreign,
                mib == null ? OptionalLong.empty() : OptionalLong.of(mib * MIB),
                rows == null ? OptionalLong.empty() : OptionalLong.of(rows),
                writes == null ? OptionalDouble.empty() : OptionalDouble.of(writes), problem);
    }

    static MapTable orders() {
        String down = "node shard2 unreachable";
        return new MapTable("demo.orders", "hash (user_id)", List.of(
                shard("demo.orders_p0", COORDINATOR_NODE, new ShardBound.Hash(8, 0), false, 96L, 1_250_000L, 41.5, null),
                shard("demo.orders_p1", COORDINATOR_NODE, new ShardBound.Hash(8, 1), false, 88L, 1_150_000L, 38.0, null),
                shard("demo.orders_p2", SHARD1_NODE, new ShardBound.Hash(8, 2), true, 120L, 1_600_000L, 52.25, null),
                shard("demo.orders_p3", SHARD2_NODE, new ShardBound.Hash(8, 3), true, null, null, null, down),
                shard("demo.orders_p4", SHARD1_NODE, new ShardBound.Hash(8, 4), true, 40L, 520_000L, 12.0, null),
                shard("demo.orders_p5", SHARD2_NODE, new ShardBound.Hash(8, 5), true, null, null, null, down),
                shard("demo.orders_p6", SHARD1_NODE, new ShardBound.Hash(8, 6), true, 2L, 9_000L, 0.0, null),
                shard("demo.orders_p7", SHARD2_NODE, new ShardBound.Hash(8, 7), true, null, null, null, down)),
                List.of("shard2 (10.30.0.22:5432) could not be read: orders_p3, orders_p5, orders_p7 drawn without "
                        + "sizes"));
    }

    static MapTable events() {
        List<MapShard> shards = new ArrayList<>();
        String[] months = {"2026-06", "2026-07", "2026-08", "2026-10", "2026-11", "2026-12"};
        String[] next = {"2026-07", "2026-08", "2026-09", "2026-11", "2026-12", "2027-01"};
        MapNode[] nodes = {COORDINATOR_NODE, COORDINATOR_NODE, SHARD1_NODE, SHARD1_NODE, COORDINATOR_NODE, null};
        for (int i = 0; i < months.length; i++) {
            String problem = nodes[i] == null ? "no home: foreign server archive has no host option" : null;
            shards.add(shard("demo.events_" + months[i].replace('-', '_'), nodes[i],
                    new ShardBound.Range("'" + months[i] + "-01 00:00:00+00'", "'" + next[i] + "-01 00:00:00+00'"),
                    nodes[i] != COORDINATOR_NODE, nodes[i] == null ? null : 30L + 7 * i, 300_000L + 1000 * i,
                    nodes[i] == null ? null : 3.5 * i, problem));
        }
        shards.add(shard("demo.events_default", COORDINATOR_NODE, new ShardBound.Default(), false, 1L, 120L, 0.0,
                null));
        return new MapTable("demo.events", "range (happened_at)", shards,
                List.of("gap: no partition holds 2026-09-01 00:00:00+00 → 2026-10-01 00:00:00+00 (rows go to "
                        + "events_default)"));
    }

    static ShardMap map() {
        return new ShardMap("demo (postgres on 10.20.1.11:5432)", MapKind.NATIVE_PARTITIONING,
                List.of(COORDINATOR_NODE, SHARD1_NODE, SHARD2_NODE), List.of(orders(), events()), List.of(),
                SampleEstates.NOW);
    }

    /** A standalone shard node, as the workspace's plain source sees it. */
    static ClusterSnapshot shard1Cluster() {
        return SampleEstates.cluster(SHARD1, SHARD1, "shard1", false, null,
                List.of(SampleEstates.member("shard1", MemberRole.LEADER, "10.30.0.21").apiUrl(null)
                        .patroniVersion(null).build()),
                SampleEstates.allLive());
    }

    /** {@code n} shards of growing size over four nodes (responsiveness). */
    static ShardMap big(int n, long seed) {
        List<MapNode> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(new MapNode(MapNode.idOf("10.40.0." + i, 5432, "db"), "node" + i, "10.40.0." + i, 5432, "db",
                    "node" + i, NodeReach.READ, null));
        }
        List<MapShard> shards = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shards.add(shard("app.t_" + i, nodes.get(i % 4), new ShardBound.Hash(n, i), true, 1L + (i * 7L) % 50,
                    1000L * i, (double) ((i + seed) % 13), null));
        }
        return new ShardMap("big", MapKind.APPLICATION, nodes, List.of(new MapTable("app.t", "id % " + n, shards,
                List.of())), List.of(), SampleEstates.NOW);
    }
}
