package io.pilothouse.app.fx;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.shards.map.MapKind;
import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.NodeReach;
import io.pilothouse.services.shards.map.ShardBound;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.styles.Theme;
import io.pilothouse.testing.Pictures;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offscreen shard map ({@code screenshot --view shards} renders through it) on a hand-built map: three nodes, one
 * unreachable, a hash table of 8 shards and a range table of 7. The PNGs go to target/shard-shots for a look.
 */
class ShardMapScreenshotTest {

    private static final Path SHOTS = Path.of("target", "shard-shots");
    private static final long MIB = 1024L * 1024;
    private static final Instant NOW = Instant.parse("2026-11-21T14:32:10Z");

    private static MapNode node(String label, String host, NodeReach reach, String error) {
        return new MapNode(MapNode.idOf(host, 5432, "postgres"), label, host, 5432, "postgres", label, reach, error);
    }

    private static final MapNode COORDINATOR = node("pg-main", "10.0.0.10", NodeReach.READ, null);
    private static final MapNode SHARD1 = node("shard1", "10.0.0.21", NodeReach.READ, null);
    private static final MapNode SHARD2 = node("shard2", "10.0.0.22", NodeReach.UNREACHABLE,
            "connection refused: is PostgreSQL running on 10.0.0.22:5432? Start it, then Refresh.");

    private static MapShard shard(String name, MapNode node, ShardBound bound, Long mib) {
        boolean read = node.reach() == NodeReach.READ;
        return new MapShard(name, node.id(), name, bound, node != COORDINATOR,
                read ? OptionalLong.of(mib * MIB) : OptionalLong.empty(),
                read ? OptionalLong.of(mib * 11_000) : OptionalLong.empty(),
                read ? OptionalDouble.of(mib / 3.0) : OptionalDouble.empty(), read ? null : "node shard2 unreachable");
    }

    static ShardMap map() {
        MapNode[] round = {COORDINATOR, COORDINATOR, SHARD1, SHARD2, SHARD1, SHARD2, SHARD1, SHARD2};
        long[] mib = {80, 84, 130, 0, 78, 0, 3, 0};
        List<MapShard> orders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            orders.add(shard("demo.orders_p" + i, round[i], new ShardBound.Hash(8, i), mib[i]));
        }
        List<MapShard> events = new ArrayList<>();
        MapNode[] where = {COORDINATOR, SHARD1, SHARD2, COORDINATOR, SHARD1, SHARD2};
        for (int m = 6; m <= 11; m++) {
            events.add(shard(String.format("demo.events_2026_%02d", m), where[m - 6], new ShardBound.Range(
                    String.format("'2026-%02d-01 00:00:00+00'", m), String.format("'2026-%02d-01 00:00:00+00'", m + 1)),
                    20L + 5 * m));
        }
        events.add(shard("demo.events_default", COORDINATOR, new ShardBound.Default(), 1L));
        return new ShardMap("demo (postgres on 10.0.0.10:5432)", MapKind.NATIVE_PARTITIONING,
                List.of(COORDINATOR, SHARD1, SHARD2),
                List.of(new MapTable("demo.orders", "hash (user_id)", orders,
                                List.of("shard2 (10.0.0.22:5432) could not be read: orders_p3, orders_p5, orders_p7 "
                                        + "drawn without sizes")),
                        new MapTable("demo.events", "range (happened_at)", events, List.of())),
                List.of(), NOW);
    }

    static LatestEstate estate() {
        LatestEstate estate = new LatestEstate("sandbox", false);
        estate.put(ClusterSnapshot.builder("ha", "pg-main").leader("pg-main-0").timeline(3).leaderLeaseSecondsLeft(20L)
                .ttlSeconds(30L).maximumLagOnFailover(1_048_576L).members(List.of(
                Member.builder("pg-main-0").role(MemberRole.LEADER).state(MemberState.RUNNING).host("10.0.0.10")
                        .port(5432).freshness(Freshness.LIVE).build(),
                Member.builder("pg-main-1").role(MemberRole.REPLICA).state(MemberState.STREAMING).host("10.0.0.11")
                        .port(5432).sqlLagBytes(0L).freshness(Freshness.LIVE).build())).observedAt(NOW).build());
        estate.put(ClusterSnapshot.builder("shard1", "shard1").leader("shard1").timeline(1).members(List.of(
                Member.builder("shard1").role(MemberRole.LEADER).state(MemberState.RUNNING).host("10.0.0.21")
                        .port(5432).freshness(Freshness.LIVE).build())).observedAt(NOW).build());
        return estate;
    }

    @Test
    void rendersThreeNodesOneUnreachableInBothThemes() throws Exception {
        for (Theme theme : Theme.values()) {
            Path png = SHOTS.toAbsolutePath().resolve("shard-map-" + theme.name().toLowerCase() + ".png");
            ShardMapScreenshot.render(List.of(map()), estate(), theme, 1600, 1000, png);
            Pictures.assertRendered(png, 1600, 1000, theme.isDark());
        }
    }
}
