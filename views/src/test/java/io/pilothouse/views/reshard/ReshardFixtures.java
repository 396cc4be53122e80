package io.pilothouse.views.reshard;

import io.pilothouse.services.reshard.CutoverFigures;
import io.pilothouse.services.reshard.MovePlan;
import io.pilothouse.services.reshard.MoveProgress;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.MoveState;
import io.pilothouse.services.reshard.QualifiedName;
import io.pilothouse.services.reshard.ReshardNode;
import io.pilothouse.services.reshard.SplitSpec;
import io.pilothouse.services.reshard.Verification;
import io.pilothouse.services.shards.map.MapKind;
import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.NodeReach;
import io.pilothouse.services.shards.map.ShardBound;
import io.pilothouse.services.shards.map.ShardMap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Hand-built maps, plans, records and a scriptable {@link ReshardActions} for the wizard's tests. */
final class ReshardFixtures {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final ReshardNode COORDINATOR = new ReshardNode("node1", "src", "127.0.0.1", 5432, "postgres");
    static final ReshardNode SHARD1 = new ReshardNode("shard1", "shard1", "127.0.0.1", 6001, "postgres");
    static final ReshardNode SHARD2 = new ReshardNode("shard2", "shard2", "127.0.0.1", 6002, "postgres");

    private ReshardFixtures() {
    }

    /** Coordinator "coord" with orders_p0 local, orders_p2 on shard1, orders_p3 on shard2. */
    static ShardMap map() {
        MapNode coord = node("coord", 5432);
        MapNode s1 = node("shard1", 6001);
        MapNode s2 = node("shard2", 6002);
        MapTable orders = new MapTable("demo.orders", "hash (user_id)", List.of(
                shard("demo.orders_p0", coord, 0, false), shard("demo.orders_p2", s1, 2, true),
                shard("demo.orders_p3", s2, 3, true)), List.of());
        return new ShardMap("coord: postgres on 127.0.0.1:5432", MapKind.NATIVE_PARTITIONING, List.of(coord, s1, s2),
                List.of(orders), List.of(), NOW);
    }

    /** {@link #map()} with a range-partitioned demo.events on the coordinator too: a partition that cannot split. */
    static ShardMap mapWithEvents() {
        ShardMap m = map();
        MapNode coord = m.nodes().get(0);
        MapTable events = new MapTable("demo.events", "range (happened_at)", List.of(new MapShard(
                "demo.events_2026_01", coord.id(), "demo.events_2026_01", new ShardBound.Range(
                "'2026-01-01 00:00:00+00'", "'2026-02-01 00:00:00+00'"), false, OptionalLong.of(81_920),
                OptionalLong.of(400), OptionalDouble.empty(), null)), List.of());
        List<MapTable> tables = new ArrayList<>(m.tables());
        tables.add(events);
        return new ShardMap(m.name(), m.kind(), m.nodes(), tables, m.problems(), m.readAt());
    }

    private static MapNode node(String label, int port) {
        return new MapNode(MapNode.idOf("127.0.0.1", port, "postgres"), label, "127.0.0.1", port, "postgres", label,
                NodeReach.READ, null);
    }

    private static MapShard shard(String name, MapNode node, int remainder, boolean foreign) {
        return new MapShard(name, node.id(), name, new ShardBound.Hash(8, remainder), foreign,
                OptionalLong.of(1_310_720), OptionalLong.of(2_500), OptionalDouble.empty(), null);
    }

    static MovePlan plan(List<String> notes) {
        QualifiedName p3 = new QualifiedName("demo", "orders_p3");
        return new MovePlan("20261121t100000_ab12", "src/coord", COORDINATOR, new QualifiedName("demo", "orders"),
                p3, "FOR VALUES WITH (modulus 8, remainder 3)", true, SHARD2, p3, SHARD1, "shard1", p3,
                "orders_p3_moved_ab12", "postgres", List.of("CREATE TABLE demo.orders_p3 (order_id bigint)"),
                List.of(), 2_500, 1_310_720, NOW, notes, null);
    }

    /** Splitting demo.orders_p3 (3 mod 8, on shard2): 3 mod 16 stays, demo.orders_p11 (11 mod 16) goes to shard1. */
    static MovePlan splitPlan() {
        MovePlan m = plan(List.of());
        QualifiedName p11 = new QualifiedName("demo", "orders_p11");
        SplitSpec split = new SplitSpec(p11, p11, 8, 3, "user_id", new QualifiedName("demo", "ph_split_hash_ab12"),
                true, "bigint", "ph_split_identity_ab12", List.of("order_id", "user_id"));
        return new MovePlan(m.id(), m.cluster(), m.coordinator(), m.parent(), m.partition(), m.bound(),
                m.sourceForeign(), m.source(), m.sourceTable(), m.target(), m.targetServer(), m.targetTable(),
                m.keptName(), m.user(), m.targetDdl(), m.partitionGrants(), m.sourceRows(), m.sourceBytes(),
                m.createdAt(), List.of(), split);
    }

    static PlanReview splitReview() {
        return new PlanReview(splitPlan(), List.of(), List.of("-- 1. on the target shard1",
                "CREATE TABLE demo.orders_p3 (order_id bigint)",
                "CREATE PUBLICATION ph_move_20261121t100000_ab12 FOR TABLE demo.orders_p3 WHERE "
                        + "(satisfies_hash_partition('demo.ph_split_hash_ab12'::regclass, 16, 11, user_id))"));
    }

    /** A split that ran to the end: the moved half (1,250 rows) matched. */
    static MoveRecord splitDone() {
        return new MoveRecord(splitPlan(), MoveState.DONE, new CutoverFigures(1, 9, 30, 280),
                new Verification(1_250, "5ab0c1", 1_250, "5ab0c1", null), null, List.of(NOW + " target created",
                NOW + " published", NOW + " subscribed", NOW + " split committed on the coordinator", NOW + " done"),
                NOW);
    }

    static PlanReview review(List<String> refusals) {
        return new PlanReview(plan(List.of("Only the table is recreated on the target.")), refusals,
                List.of("-- 1. on the target shard1", "CREATE TABLE demo.orders_p3 (order_id bigint)",
                        "CREATE SUBSCRIPTION ph_move_20261121t100000_ab12 CONNECTION '… password=********'"));
    }

    static MoveRecord record(MoveState state, boolean verified, boolean matched, String error) {
        Verification v = verified ? new Verification(2_500, "9f1c2e", matched ? 2_500 : 2_499,
                matched ? "9f1c2e" : "77aa01", null) : null;
        CutoverFigures c = state.pastCutover() ? new CutoverFigures(1, 12, 40, 310) : null;
        return new MoveRecord(plan(List.of()), state, c, v, error, List.of(NOW + " target created",
                NOW + " published", NOW + " subscribed"), NOW);
    }

    static MoveProgress copying(long rows) {
        return new MoveProgress(MoveState.SUBSCRIBED, "Copying demo.orders_p3 from shard2 to shard1", rows, 2_500,
                rows * 500, 1_310_720, 4096, Duration.ofSeconds(7));
    }

    /** Actions whose answers the test gives, from any thread, when it wants. */
    static final class Scripted implements ReshardActions {
        final CompletableFuture<List<ShardMap>> maps = new CompletableFuture<>();
        final CompletableFuture<List<MoveRecord>> unfinished = new CompletableFuture<>();
        final List<CompletableFuture<PlanReview>> plans = new CopyOnWriteArrayList<>();
        final List<String> planned = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<MoveOutcome>> runs = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile Consumer<MoveProgress> progress;
        volatile BooleanSupplier stop;

        @Override
        public CompletableFuture<List<ShardMap>> maps() {
            return maps;
        }

        @Override
        public CompletableFuture<List<MoveRecord>> unfinished() {
            return unfinished;
        }

        @Override
        public CompletableFuture<PlanReview> plan(String database, String partition, String target, String role) {
            planned.add(database + " " + partition + " " + target + " " + role);
            CompletableFuture<PlanReview> f = new CompletableFuture<>();
            plans.add(f);
            return f;
        }

        @Override
        public CompletableFuture<PlanReview> planSplit(String database, String partition, String target, String role,
                                                       String newName) {
            planned.add("split " + database + " " + partition + " " + target + " " + role + " " + newName);
            CompletableFuture<PlanReview> f = new CompletableFuture<>();
            plans.add(f);
            return f;
        }

        @Override
        public CompletableFuture<MoveOutcome> move(MovePlan plan, Consumer<MoveProgress> p, BooleanSupplier s) {
            calls.add("move " + plan.id());
            progress = p;
            stop = s;
            return next();
        }

        @Override
        public CompletableFuture<MoveOutcome> resume(String id, Consumer<MoveProgress> p, BooleanSupplier s) {
            calls.add("resume " + id);
            progress = p;
            stop = s;
            return next();
        }

        @Override
        public CompletableFuture<MoveOutcome> rollBack(String id, Consumer<MoveProgress> p) {
            calls.add("rollback " + id);
            progress = p;
            return next();
        }

        @Override
        public CompletableFuture<MoveOutcome> dropSource(String id) {
            calls.add("drop-source " + id);
            return next();
        }

        private CompletableFuture<MoveOutcome> next() {
            CompletableFuture<MoveOutcome> f = new CompletableFuture<>();
            runs.add(f);
            return f;
        }

        /** The latest run asked for. */
        CompletableFuture<MoveOutcome> run() {
            return runs.get(runs.size() - 1);
        }

        List<String> calls() {
            return new ArrayList<>(calls);
        }
    }
}
