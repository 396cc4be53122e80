package io.pilothouse.bench;

import io.pilothouse.services.credentials.CredentialResolver;
import io.pilothouse.services.credentials.PasswordPrompt;
import io.pilothouse.services.credentials.PgPassLookup;
import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.live.LiveExecutors;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.live.WorkspaceShardNodes;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.postgres.PasswordLookup;
import io.pilothouse.services.postgres.SqlIdentifiers;
import io.pilothouse.services.reshard.CutoverFigures;
import io.pilothouse.services.reshard.MoveEvents;
import io.pilothouse.services.reshard.MoveJournal;
import io.pilothouse.services.reshard.MovePlan;
import io.pilothouse.services.reshard.MovePlanner;
import io.pilothouse.services.reshard.MoveProgress;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.MoveRequest;
import io.pilothouse.services.reshard.MoveState;
import io.pilothouse.services.reshard.PartitionMover;
import io.pilothouse.services.reshard.ReshardConnections;
import io.pilothouse.services.reshard.ReshardGuardRails;
import io.pilothouse.services.reshard.ReshardNode;
import io.pilothouse.services.reshard.ReshardService;
import io.pilothouse.services.reshard.WorkspaceReshardConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxLauncher;
import io.pilothouse.services.sandbox.SandboxSpec;
import io.pilothouse.services.sandbox.sharding.ShardedSchema;
import io.pilothouse.services.workspace.Workspace;
import io.pilothouse.services.workspace.WorkspaceLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.pilothouse.bench.Percentiles.median;
import static io.pilothouse.bench.BenchArgs.intArg;

/**
 * Resharding: a move's copy throughput versus a raw {@code COPY … TO STDOUT | COPY … FROM STDIN} between the same two
 * nodes in the same run, and the cutover's write block under a write load.
 *
 * <p>One sandbox: one Patroni member as the postgres_fdw coordinator, two shards, {@code ShardedSchema} loaded, then
 * one partition ({@code demo.orders_p3}, on shard2) made big by inserting rows directly on its shard with user ids
 * that hash to it. The service is wired as {@code LiveSession.reshard()} wires it (same 250 ms copy poll by default).
 *
 * <p><b>Throughput</b>, repeated, the partition moving back and forth (A→B, then B→A), the kept source dropped each
 * time with {@code dropSource}. Before every measured copy the source is vacuumed (hint bits set, so neither method
 * pays for them) and both shards checkpoint. In each repetition, in alternating order:
 * <ul>
 *   <li><i>raw</i>: a fresh table with the same columns and primary key on B; the time of
 *       {@code COPY (SELECT * FROM t) TO STDOUT} on A piped into {@code COPY … FROM STDIN} on B until that COPY
 *       committed ({@link RawCopy});</li>
 *   <li><i>move</i>: {@code ReshardService.move}; the copy phase timed from the service's "Subscribing" progress
 *       event (just before {@code CREATE SUBSCRIPTION}) to its first "Catching up" event (every table of the
 *       subscription in state {@code r} or {@code s}, seen by the service's own poll). A side watcher polling the
 *       target's {@code pg_subscription_rel} every 25 ms splits it: subscription created → sync worker in
 *       {@code d}; {@code d} → copy finished ({@code f}/{@code s}/{@code r}: slot creation and the COPY itself);
 *       → the service noticing.</li>
 * </ul>
 * MB/s uses the source table's {@code pg_relation_size} (heap) for both; the ratio is move MB/s over raw MB/s.
 *
 * <p><b>Cutover</b>: N moves of a smaller partition ({@code demo.orders_p5}) back and forth while one session inserts
 * and updates its rows through the coordinator as fast as it can (from 0.5 s before the move until 0.5 s after); the
 * service's {@code CutoverFigures.blockedMillis()} and that client's longest gap between acknowledged writes.
 *
 * <p>Prints figures; never fails on a time. Run: {@code mvn -Pbench -pl bench -am -DskipTests verify
 * -Dbench.main=io.pilothouse.bench.MoveThroughputBench -Dbench.args="--big-rows 1500000 --reps 6 --cutovers 10"}.
 */
public final class MoveThroughputBench {

    private static final double RATIO_GOAL = 0.7;
    private static final long BLOCK_GOAL_MILLIS = 2_000;
    private static final String SCOPE = "coord";
    private static final String BIG = "demo.orders_p3";
    private static final String SMALL = "demo.orders_p5";
    private static final String RAW_TABLE = "bench_raw_copy";
    private static final long BIG_ORDER_IDS_FROM = 1_000_000_000L;

    private static final String SERVER_OF = "SELECT s.srvname FROM pg_foreign_table ft "
            + "JOIN pg_foreign_server s ON s.oid = ft.ftserver WHERE ft.ftrelid = to_regclass(?)";
    private static final String REMAINDER_OF = "SELECT (regexp_match(pg_get_expr(c.relpartbound, c.oid), "
            + "'remainder (\\d+)'))[1]::int FROM pg_class c WHERE c.oid = to_regclass(?)";
    private static final String USERS_OF = "SELECT u FROM generate_series(1::bigint, ?) u "
            + "WHERE satisfies_hash_partition('demo.orders'::regclass, 8, ?, u)";
    /** Rows for the big partition, generated on its shard like ShardedSchema's, order ids far above the sequence's. */
    private static final String LOAD_BIG = "INSERT INTO demo.%s SELECT ?::bigint + g, (?::bigint[])[1 + g %% ?], "
            + "round((1 + (g * 7919) %% 99900) / 100.0, 2), now() - ((g * 7919) %% 15552000) * interval '1 second', "
            + "(ARRAY['new','paid','shipped','delivered','cancelled'])[1 + g %% 5] FROM generate_series(1::bigint, ?) g";
    private static final String RAW_DDL = "CREATE TABLE demo.%s (order_id bigint NOT NULL, user_id bigint NOT NULL, "
            + "amount numeric(12,2), created_at timestamptz, status text, PRIMARY KEY (order_id))";
    private static final String SIZE = "SELECT pg_relation_size(to_regclass(?)), "
            + "(SELECT count(*) FROM pg_class WHERE oid = to_regclass(?))";

    private final int schemaRows;
    private final long bigRows;
    private final int reps;
    private final int cutovers;
    private final Duration poll;

    private SandboxInfo sandbox;
    private SandboxJdbc jdbc;
    private EstateMonitor monitor;
    private Workspace workspace;
    private ReshardService service;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-move");
        t.setDaemon(true);
        return t;
    });

    /** One repetition of the throughput part. */
    private record Rep(int index, String from, String to, boolean rawFirst, long heapBytes, long rows,
                       double rawMs, long rawCopyBytes, double moveCopyMs, double subscribedToDataCopyMs,
                       double dataCopyMs, double copyDoneToNoticedMs, double catchUpMs, double moveTotalMs,
                       double beforeCopyMs, double afterCatchUpMs, long moveCopyBytes, CutoverFigures cutover) {

        double rawMBps() {
            return heapBytes / 1e6 / (rawMs / 1e3);
        }

        double moveMBps() {
            return heapBytes / 1e6 / (moveCopyMs / 1e3);
        }

        double ratio() {
            return rawMs / moveCopyMs;
        }
    }

    /** One move of the cutover part. */
    private record Cut(int index, String from, String to, CutoverFigures figures, double clientGapMs, long writes,
                       long errors, double moveMs, double subscribedToDataCopyMs, double copyPhaseMs) {
    }

    private MoveThroughputBench(int schemaRows, long bigRows, int reps, int cutovers, Duration poll) {
        this.schemaRows = schemaRows;
        this.bigRows = bigRows;
        this.reps = reps;
        this.cutovers = cutovers;
        this.poll = poll;
    }

    public static void main(String[] args) throws Exception {
        new MoveThroughputBench(intArg(args, "--schema-rows", 100_000), intArg(args, "--big-rows", 1_500_000),
                intArg(args, "--reps", 6), intArg(args, "--cutovers", 10),
                Duration.ofMillis(intArg(args, "--poll-ms", 250))).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pilothouse-bench-move-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        SandboxLauncher launcher = new SandboxLauncher();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> launcher.destroy(dir), "bench-sandbox-cleanup"));
        System.out.printf("settings: --schema-rows %d --big-rows %d --reps %d --cutovers %d --poll-ms %d%n",
                schemaRows, bigRows, reps, cutovers, poll.toMillis());
        System.out.println("starting a sandbox (1 Patroni member as coordinator, 2 shards) in " + dir + " ...");
        long t0 = System.nanoTime();
        sandbox = launcher.up(SandboxSpec.defaults(dir).withMembers(1).withScope(SCOPE).withShards(2), line -> { });
        jdbc = new SandboxJdbc(sandbox);
        ShardedSchema.Result schema = new ShardedSchema(sandbox).create(schemaRows, line -> { });
        System.out.printf("sandbox up and demo schema loaded in %.1f s (%,d orders: %s)%n",
                (System.nanoTime() - t0) / 1e9, schema.orders(), schema.rowsByNode());
        List<Rep> repsDone = new ArrayList<>();
        List<Cut> cutsDone = new ArrayList<>();
        try (LiveExecutors executors = LiveExecutors.create()) {
            workspace = new WorkspaceLoader().load(sandbox.workspaceFile());
            PasswordLookup passwords = PasswordLookup.through(new CredentialResolver(List.of(PgPassLookup.current()),
                    PasswordPrompt.NON_INTERACTIVE));
            monitor = new EstateMonitor(workspace, executors, LiveSettings.DEFAULTS, passwords, Clock.systemUTC());
            monitor.start();
            monitor.awaitSettled(Duration.ofSeconds(30));
            awaitLeader();
            service = service(dir, passwords);
            loadBig();
            System.out.println();
            throughput(repsDone);
            System.out.println();
            cutovers(cutsDone);
            monitor.close();
        } finally {
            threads.shutdownNow();
            System.out.println();
            summary(repsDone, cutsDone);
            System.out.println();
            System.out.println("stopping the sandbox: clean=" + launcher.destroy(dir).clean());
        }
    }

    /** As {@code LiveSession.reshard()} wires it, with an audit log and journal in the sandbox directory. */
    private ReshardService service(Path dir, PasswordLookup passwords) {
        ReshardConnections connections = new WorkspaceReshardConnections(workspace, passwords);
        MoveJournal journal = new MoveJournal(dir.resolve("reshard"));
        MutationGate gate = new MutationGate(false, new JsonLinesAuditLog(dir.resolve("bench-audit.jsonl")),
                Clock.systemUTC(), "bench");
        MovePlanner planner = new MovePlanner(connections, new WorkspaceShardNodes(workspace, monitor),
                Clock.systemUTC(), monitor.feed()::latest);
        return new ReshardService(OperationGuard.gateOnly(gate), monitor.feed()::latest, planner,
                new io.pilothouse.services.reshard.SplitPlanner(connections, planner),
                new PartitionMover(connections, journal, poll), journal,
                new ReshardGuardRails(ReshardGuardRails.DEFAULT_MAX_LAG_BYTES));
    }

    private void loadBig() throws Exception {
        String shard = serverOf(BIG);
        List<Long> users = usersOf(remainderOf(BIG));
        long t0 = System.nanoTime();
        try (Connection c = jdbc.shard(shard, "bench-load")) {
            try (PreparedStatement ps = c.prepareStatement(String.format(LOAD_BIG,
                    SqlIdentifiers.quote(BIG.substring("demo.".length()))))) {
                Array array = c.createArrayOf("bigint", users.toArray());
                ps.setLong(1, BIG_ORDER_IDS_FROM);
                ps.setArray(2, array);
                ps.setInt(3, users.size());
                ps.setLong(4, bigRows);
                ps.executeUpdate();
            }
            exec(c, "VACUUM (ANALYZE) " + BIG);
            long[] size = size(c, BIG);
            System.out.printf("%s on %s: %,d rows added directly on the shard in %.1f s; heap %.1f MB%n", BIG, shard,
                    bigRows, (System.nanoTime() - t0) / 1e9, size[0] / 1e6);
        }
    }

    private void throughput(List<Rep> done) throws Exception {
        System.out.printf("throughput: %s moved back and forth %d times; raw COPY beside each move, order alternating"
                + "%n", BIG, reps);
        System.out.println("rep  from -> to       first  heap MB   rows       raw s  raw MB/s  move s  move MB/s  "
                + "ratio  | move split: sub->d  d->copied  ->noticed  catch-up  | before  after  whole move  cutover blocked");
        for (int i = 0; i < reps; i++) {
            try {
                Rep r = repetition(i);
                done.add(r);
                System.out.printf("%3d  %-15s  %-5s  %7.1f  %,9d  %6.2f  %8.1f  %6.2f  %9.1f  %5.2f  |  %6.2f s  "
                                + "%7.2f s  %7.2f s  %6.2f s  |  %5.2f s  %5.2f s  %8.2f s  %6d ms%n", i + 1,
                        r.from() + " -> " + r.to(),
                        r.rawFirst() ? "raw" : "move", r.heapBytes() / 1e6, r.rows(), r.rawMs() / 1e3, r.rawMBps(),
                        r.moveCopyMs() / 1e3, r.moveMBps(), r.ratio(), r.subscribedToDataCopyMs() / 1e3,
                        r.dataCopyMs() / 1e3, r.copyDoneToNoticedMs() / 1e3, r.catchUpMs() / 1e3,
                        r.beforeCopyMs() / 1e3, r.afterCatchUpMs() / 1e3, r.moveTotalMs() / 1e3,
                        r.cutover().blockedMillis());
            } catch (Exception e) {
                System.out.printf("%3d  FAILED, skipped: %s%n", i + 1, e);
            }
        }
    }

    private Rep repetition(int index) throws Exception {
        String from = serverOf(BIG);
        String to = other(from);
        boolean rawFirst = index % 2 == 0;
        long heapBytes;
        long rows;
        try (Connection source = jdbc.shard(from, "bench-prepare")) {
            exec(source, "VACUUM (ANALYZE) " + BIG);
            heapBytes = size(source, BIG)[0];
            rows = count(source, BIG);
        }
        double[] raw = null;
        if (rawFirst) {
            raw = raw(from, BIG, to);
        }
        MovePlan plan = service.plan(request(BIG, to));
        checkpoint();
        MoveTimes times = new MoveTimes();
        SubscriptionWatch watch = new SubscriptionWatch(jdbc.shard(to, "bench-watch"), plan.replicationName(),
                BIG, 25, threads);
        long started = System.nanoTime();
        MoveRecord record;
        try (watch) {
            record = service.move(plan, times, () -> false);
        }
        long ended = System.nanoTime();
        if (record.state() != MoveState.DONE || !record.verification().matched()) {
            throw new IllegalStateException("move ended " + record.state() + ", verification "
                    + record.verification());
        }
        if (!rawFirst) {
            // The kept source has exactly the rows just moved: copy it the same way, before it is dropped.
            raw = raw(from, "demo." + SqlIdentifiers.quote(plan.keptName()), to);
        }
        service.dropSource(plan.id(), MoveEvents.NONE);
        Long dataCopy = watch.firstSeen("d");
        Long copied = firstOf(watch, "f", "s", "r");
        if (times.subscribing < 0 || times.catchingUp < 0 || dataCopy == null || copied == null) {
            throw new IllegalStateException("copy phases not all seen: subscribing " + times.subscribing
                    + ", catching up " + times.catchingUp + ", d " + dataCopy + ", copied " + copied);
        }
        return new Rep(index, from, to, rawFirst, heapBytes, rows, raw[0], (long) raw[1],
                ms(times.subscribing, times.catchingUp), ms(times.subscribing, dataCopy), ms(dataCopy, copied),
                ms(copied, times.catchingUp), ms(times.catchingUp, times.cutover), ms(started, ended),
                ms(started, times.subscribing), ms(times.cutover, ended), watch.copyBytes(), record.cutover());
    }

    /** A raw copy of {@code table} on {@code from} into a fresh table on {@code to}: {ms, COPY bytes}. */
    private double[] raw(String from, String table, String to) throws Exception {
        String target = "demo." + SqlIdentifiers.quote(RAW_TABLE);
        try (Connection source = jdbc.shard(from, "bench-raw-out"); Connection sink = jdbc.shard(to, "bench-raw-in")) {
            exec(sink, "DROP TABLE IF EXISTS " + target);
            exec(sink, String.format(RAW_DDL, SqlIdentifiers.quote(RAW_TABLE)));
            checkpoint();
            long t0 = System.nanoTime();
            RawCopy.Result result = RawCopy.copy(source, table, sink, target, threads);
            double ms = (System.nanoTime() - t0) / 1e6;
            exec(sink, "DROP TABLE " + target);
            return new double[] {ms, result.bytes()};
        }
    }

    private void cutovers(List<Cut> done) throws Exception {
        List<Long> users = usersOf(remainderOf(SMALL));
        long rows;
        try (Connection c = jdbc.shard(serverOf(SMALL), "bench-prepare")) {
            rows = count(c, SMALL);
        }
        System.out.printf("cutover: %s (%,d rows at the start) moved back and forth %d times under a write load "
                + "through the coordinator (one session: INSERT, and UPDATE every third)%n", SMALL, rows, cutovers);
        System.out.println("move  from -> to       blocked  lock wait  catch-up  attempts  client gap  writes  "
                + "errors  whole move  sub->d  copy phase");
        for (int i = 0; i < cutovers; i++) {
            try {
                String from = serverOf(SMALL);
                String to = other(from);
                MovePlan plan = service.plan(request(SMALL, to));
                Member leader = leader();
                MoveRecord record;
                double moveMs;
                MoveTimes times = new MoveTimes();
                SubscriptionWatch watch = new SubscriptionWatch(jdbc.shard(to, "bench-watch"),
                        plan.replicationName(), SMALL, 25, threads);
                CoordinatorLoad load = new CoordinatorLoad(() -> jdbc.connect(leader.host(), leader.port(),
                        "bench-coordinator-load"), users);
                try (load; watch) {
                    Thread.sleep(500);
                    long t0 = System.nanoTime();
                    record = service.move(plan, times, () -> false);
                    moveMs = (System.nanoTime() - t0) / 1e6;
                    Thread.sleep(500);
                }
                if (record.state() != MoveState.DONE || !record.verification().matched()) {
                    throw new IllegalStateException("move ended " + record.state() + ", verification "
                            + record.verification());
                }
                service.dropSource(plan.id(), MoveEvents.NONE);
                CutoverFigures f = record.cutover();
                Long dataCopy = watch.firstSeen("d");
                Cut cut = new Cut(i, from, to, f, load.longestGapMillis(), load.writes(), load.errors(), moveMs,
                        dataCopy == null || times.subscribing < 0 ? Double.NaN : ms(times.subscribing, dataCopy),
                        times.catchingUp < 0 || times.subscribing < 0 ? Double.NaN
                                : ms(times.subscribing, times.catchingUp));
                done.add(cut);
                System.out.printf("%4d  %-15s  %5d ms  %6d ms  %5d ms  %8d  %7.0f ms  %6d  %6d  %8.2f s  %6.2f s  "
                                + "%6.2f s%n", i + 1, from + " -> " + to, f.blockedMillis(), f.lockWaitMillis(),
                        f.catchUpMillis(), f.attempts(), cut.clientGapMs(), cut.writes(), cut.errors(), moveMs / 1e3,
                        cut.subscribedToDataCopyMs() / 1e3, cut.copyPhaseMs() / 1e3);
            } catch (Exception e) {
                System.out.printf("%4d  FAILED, skipped: %s%n", i + 1, e);
            }
        }
    }

    private static void summary(List<Rep> reps, List<Cut> cuts) {
        System.out.println("=== summary ===");
        if (!reps.isEmpty()) {
            double raw = median(reps.stream().map(Rep::rawMBps).toList());
            double move = median(reps.stream().map(Rep::moveMBps).toList());
            double ratio = median(reps.stream().map(Rep::ratio).toList());
            double rawRows = median(reps.stream().map(r -> r.rows() / (r.rawMs() / 1e3)).toList());
            double moveRows = median(reps.stream().map(r -> r.rows() / (r.moveCopyMs() / 1e3)).toList());
            System.out.printf("throughput over %d repetitions (medians; MB = source heap, pg_relation_size):%n",
                    reps.size());
            System.out.printf("  raw COPY pipe : %.1f MB/s, %,.0f rows/s%n", raw, rawRows);
            System.out.printf("  move copy     : %.1f MB/s, %,.0f rows/s (Subscribing -> first Catching up)%n", move,
                    moveRows);
            System.out.printf("  move split    : subscription -> sync worker copying %.2f s, copying %.2f s, "
                            + "copied -> noticed by the service %.2f s; catch-up wait %.2f s; whole move %.2f s%n",
                    median(reps.stream().map(r -> r.subscribedToDataCopyMs() / 1e3).toList()),
                    median(reps.stream().map(r -> r.dataCopyMs() / 1e3).toList()),
                    median(reps.stream().map(r -> r.copyDoneToNoticedMs() / 1e3).toList()),
                    median(reps.stream().map(r -> r.catchUpMs() / 1e3).toList()),
                    median(reps.stream().map(r -> r.moveTotalMs() / 1e3).toList()));
            System.out.printf("  rest of move  : before the subscription (plan checks, target table, publication) "
                            + "%.2f s; cutover + verification (count, checksum) + clean-up %.2f s%n",
                    median(reps.stream().map(r -> r.beforeCopyMs() / 1e3).toList()),
                    median(reps.stream().map(r -> r.afterCatchUpMs() / 1e3).toList()));
            System.out.printf("  COPY text    : raw %.1f MB, sync worker %.1f MB (pg_stat_progress_copy, last seen)%n",
                    median(reps.stream().map(r -> r.rawCopyBytes() / 1e6).toList()),
                    median(reps.stream().map(r -> r.moveCopyBytes() / 1e6).toList()));
            System.out.printf("  sync worker's COPY alone (d -> copied) vs raw: ratio %.2f%n",
                    median(reps.stream().map(r -> r.rawMs() / r.dataCopyMs()).toList()));
            System.out.printf("median ratio move/raw: %.2f (min %.2f, max %.2f); goal >= %.2f: %s%n", ratio,
                    reps.stream().mapToDouble(Rep::ratio).min().orElse(Double.NaN),
                    reps.stream().mapToDouble(Rep::ratio).max().orElse(Double.NaN), RATIO_GOAL,
                    ratio >= RATIO_GOAL ? "met" : "NOT met");
        }
        if (!cuts.isEmpty()) {
            Percentiles blocked = new Percentiles(cuts.stream().map(c -> (double) c.figures().blockedMillis())
                    .toList());
            Percentiles gap = new Percentiles(cuts.stream().map(Cut::clientGapMs).toList());
            System.out.printf("cutover over %d moves under load (p95 of %d = the %s):%n", cuts.size(), cuts.size(),
                    cuts.size() < 20 ? "largest" : "nearest-rank 95th");
            System.out.printf("  service blockedMillis      : p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", blocked.p(0.5),
                    blocked.p(0.95), blocked.p(1));
            System.out.printf("  client longest write gap   : p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", gap.p(0.5),
                    gap.p(0.95), gap.p(1));
            System.out.printf("  whole move %.2f s median; subscription -> sync worker copying: median %.2f s, max %.2f s"
                            + "%n", median(cuts.stream().map(c -> c.moveMs() / 1e3).toList()),
                    median(cuts.stream().map(c -> c.subscribedToDataCopyMs() / 1e3).toList()),
                    cuts.stream().mapToDouble(c -> c.subscribedToDataCopyMs() / 1e3).max().orElse(Double.NaN));
            System.out.printf("goal p95 <= %d ms: service %s, client %s%n", BLOCK_GOAL_MILLIS,
                    blocked.p(0.95) <= BLOCK_GOAL_MILLIS ? "met" : "NOT met",
                    gap.p(0.95) <= BLOCK_GOAL_MILLIS ? "met" : "NOT met");
        }
    }

    /** Timestamps of the move's own progress events. */
    private static final class MoveTimes implements MoveEvents {
        volatile long subscribing = -1;
        volatile long catchingUp = -1;
        volatile long cutover = -1;

        @Override
        public void progress(MoveProgress p) {
            long now = System.nanoTime();
            if (subscribing < 0 && p.step().startsWith("Subscribing")) {
                subscribing = now;
            } else if (catchingUp < 0 && p.step().startsWith("Catching up")) {
                catchingUp = now;
            } else if (cutover < 0 && p.step().startsWith("Cutover")) {
                cutover = now;
            }
        }

        @Override
        public void ran(ReshardNode node, String statement) {
        }
    }

    private MoveRequest request(String partition, String toServer) {
        Member leader = leader();
        String source = workspace.sources().get(0).name();
        return new MoveRequest(source + "/" + SCOPE, new ReshardNode(leader.name(), source, leader.host(),
                leader.port(), "postgres"), partition, toServer, sandbox.superuser());
    }

    private Member leader() {
        ClusterSnapshot c = monitor.feed().latest().cluster(workspace.sources().get(0).name(), SCOPE).orElse(null);
        if (c == null || c.leaderMember().isEmpty()) {
            throw new IllegalStateException("the coordinator cluster has no leader in the live model");
        }
        return c.leaderMember().get();
    }

    private void awaitLeader() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                leader();
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private Connection coordinator() throws SQLException {
        Member leader = leader();
        return jdbc.connect(leader.host(), leader.port(), "bench-coordinator");
    }

    private String serverOf(String partition) throws SQLException {
        try (Connection c = coordinator(); PreparedStatement ps = c.prepareStatement(SERVER_OF)) {
            ps.setString(1, partition);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException(partition + " is not a foreign partition on the coordinator");
                }
                return rs.getString(1);
            }
        }
    }

    private String other(String shard) {
        return sandbox.shards().stream().map(SandboxInfo.Shard::name).filter(n -> !n.equals(shard)).findFirst()
                .orElseThrow();
    }

    private int remainderOf(String partition) throws SQLException {
        try (Connection c = coordinator(); PreparedStatement ps = c.prepareStatement(REMAINDER_OF)) {
            ps.setString(1, partition);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private List<Long> usersOf(int remainder) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = coordinator(); PreparedStatement ps = c.prepareStatement(USERS_OF)) {
            ps.setLong(1, ShardedSchema.USERS);
            ps.setInt(2, remainder);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private void checkpoint() throws SQLException {
        for (SandboxInfo.Shard s : sandbox.shards()) {
            try (Connection c = jdbc.shard(s.name(), "bench-checkpoint")) {
                exec(c, "CHECKPOINT");
            }
        }
    }

    /** {heap bytes, 1 if the table exists}. */
    private static long[] size(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SIZE)) {
            ps.setString(1, table);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static Long firstOf(SubscriptionWatch watch, String... states) {
        Long first = null;
        for (String s : states) {
            Long t = watch.firstSeen(s);
            if (t != null && (first == null || t < first)) {
                first = t;
            }
        }
        return first;
    }

    private static double ms(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e6;
    }
}
