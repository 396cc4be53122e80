package io.pilothouse.services.reshard;

import io.pilothouse.services.indoubt.BranchResolver;
import io.pilothouse.services.indoubt.InDoubtOperations;
import io.pilothouse.services.locks.OperationRegistry;
import io.pilothouse.services.locks.WorkspaceLocks;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.MutationRequest;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.sandbox.SandboxConnections;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue #20's first finding, reproduced on the resharding sandbox: a prepared transaction on a move's source holds
 * the subscription's slot creation (the move must refuse up front, and a step that waits must say on what and be
 * cancellable); and a global transaction with a branch on a cluster a running move holds must be refused whole, not
 * half-applied. Run from {@link PartitionMoverSandboxTest} to share its sandbox.
 */
final class OperationsKnowEachOther {

    private static final String SCRATCH = "CREATE TABLE IF NOT EXISTS public.opsreg_scratch (id int)";

    private final ReshardSandbox sandbox;

    OperationsKnowEachOther(ReshardSandbox sandbox) {
        this.sandbox = sandbox;
    }

    void aPreparedTransactionOnTheSourceRefusesTheMoveAndTheBlockedSubscriptionSaysOnWhat() throws Exception {
        OperationRegistry registry = new OperationRegistry();
        ExecutorService pool = Executors.newCachedThreadPool();
        String gid = "tx_9021_shard1";
        try (Connection shard1 = sandbox.shard("shard1")) {
            prepare(shard1, gid);
            ReshardService service = sandbox.service(OperationGuard.gateOnly(new io.pilothouse.services.policy
                    .MutationGate(false, new io.pilothouse.services.policy.JsonLinesAuditLog(sandbox.auditLog()),
                    java.time.Clock.systemUTC(), "tester")), registry, pool);
            MovePlan plan = service.plan(sandbox.request("demo.orders_p4", "shard2"));

            assertThat(service.refusals(plan)).anySatisfy(r -> assertThat(r)
                    .startsWith("Prepared transaction " + gid).contains("Resolve it in the In-doubt window"));
            assertThatThrownBy(() -> service.move(plan, MoveEvents.NONE, () -> false))
                    .isInstanceOf(MutationRefusedException.class).hasMessageContaining(gid);

            // Past the pre-checks (a transaction prepared just after them): the step waits, and says on what.
            MoveJournal journal = new MoveJournal(sandbox.dir.resolve("journal"));
            PartitionMover mover = new PartitionMover(sandbox.connections(), journal, Duration.ofMillis(100), pool);
            List<String> waits = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean cancel = new AtomicBoolean();
            MoveEvents events = new MoveEvents() {
                @Override
                public void progress(MoveProgress progress) {
                }

                @Override
                public void ran(ReshardNode node, String statement) {
                }

                @Override
                public void waiting(MoveState state, String step, String what) {
                    if (what != null) {
                        waits.add(step + " — " + what);
                    }
                }
            };
            MoveRecord planned = journal.save(MoveRecord.planned(plan));
            long start = System.nanoTime();
            CompletableFuture<MoveRecord> run = CompletableFuture.supplyAsync(
                    () -> mover.run(planned, events, cancel::get), pool);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (waits.stream().noneMatch(w -> w.contains("waiting for prepared transaction " + gid))
                    && System.nanoTime() < deadline && !run.isDone()) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            assertThat(run).as("the subscription must wait for the prepared transaction").isNotDone();
            String told = waits.stream().filter(w -> w.contains(gid)).findFirst().orElseThrow(() ->
                    new AssertionError("no wait named " + gid + " within 60 s; told: " + waits));
            System.out.printf("blocked subscription explained after %d ms: %s%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), told);
            assertThat(told).startsWith("Subscribing").contains(" s old")
                    .contains("resolve prepared transaction " + gid).contains("cancel the step");

            cancel.set(true);
            assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(ReshardException.class)
                    .rootCause().hasMessageContaining("cancelled while Subscribing");
            MoveRecord stopped = journal.load(plan.id()).orElseThrow();
            assertThat(stopped.state()).isEqualTo(MoveState.PUBLISHED);
            assertThat(mover.rollBack(stopped, MoveEvents.NONE).state()).isEqualTo(MoveState.ROLLED_BACK);
            try (Connection shard2 = sandbox.shard("shard2")) {
                assertThat(single(shard2, "SELECT count(*) FROM pg_subscription")).isEqualTo("0");
            }
            assertThat(single(shard1, "SELECT count(*) FROM pg_prepared_xacts WHERE gid = '" + gid + "'"))
                    .as("the prepared transaction is the operator's to resolve, untouched").isEqualTo("1");
        } finally {
            finish(sandbox.shard("shard1"), gid);
            pool.shutdownNow();
        }
    }

    void aGlobalTransactionWithABranchOnAClusterAMoveHoldsIsRefusedWhole() throws Exception {
        OperationRegistry registry = new OperationRegistry();
        ExecutorService pool = Executors.newCachedThreadPool();
        String coordGid = "tx_9022_coord";
        String shardGid = "tx_9022_shard1";
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (WorkspaceLocks locks = new WorkspaceLocks(sandbox.own.workspace(), Duration.ofSeconds(15));
             Connection coord = sandbox.coordinator(); Connection shard1 = sandbox.shard("shard1")) {
            OperationGuard guard = sandbox.lockingGuard(locks, registry);
            prepare(coord, coordGid);
            prepare(shard1, shardGid);
            ClusterSnapshot coordCluster = sandbox.live.cluster("coord");
            List<PreparedBranch> branches = List.of(branch(shard1, shardGid, clusterOf("shard1")),
                    branch(coord, coordGid, coordCluster));
            InDoubtOperations operations = new InDoubtOperations(guard, new BranchResolver(),
                    (host, port, db, user) -> SandboxConnections.connect(sandbox.info, host, port, user, db),
                    sandbox.live.monitor().feed()::latest, registry);

            // A move holding the coordinator cluster's lock, as the app's own would.
            CompletableFuture<Object> move = CompletableFuture.supplyAsync(() -> {
                try {
                    return guard.run(MutationRequest.of("reshard-move", coordCluster.source() + "/coord",
                            "demo.orders_p4"), coordCluster, trail -> {
                        held.countDown();
                        return release.await(60, TimeUnit.SECONDS);
                    });
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, pool);
            assertThat(held.await(30, TimeUnit.SECONDS)).as("the move took the lock").isTrue();

            assertThat(operations.refusalForAll(branches)).hasValueSatisfying(r -> assertThat(r)
                    .startsWith("Refused whole: reshard-move demo.orders_p4 on coord (this Pilothouse")
                    .contains("'" + coordGid + "'").contains("Nothing was resolved"));
            // What the check prevents: branch by branch, the coordinator's would be refused by the move's lock.
            assertThatThrownBy(() -> operations.resolve(branches.get(1), false, null))
                    .isInstanceOf(MutationRefusedException.class).hasMessageContaining("in progress by");
            assertThat(single(coord, "SELECT count(*) FROM pg_prepared_xacts WHERE gid = '" + coordGid + "'"))
                    .isEqualTo("1");
            assertThat(single(shard1, "SELECT count(*) FROM pg_prepared_xacts WHERE gid = '" + shardGid + "'"))
                    .isEqualTo("1");

            release.countDown();
            move.get(30, TimeUnit.SECONDS);
            assertThat(operations.refusalForAll(branches)).isEmpty();
            for (PreparedBranch b : branches) {
                assertThat(operations.resolve(b, false, null)).startsWith("rolled back branch");
            }
            assertThat(single(coord, "SELECT count(*) FROM pg_prepared_xacts WHERE gid LIKE 'tx_9022%'"))
                    .isEqualTo("0");
            assertThat(single(shard1, "SELECT count(*) FROM pg_prepared_xacts WHERE gid LIKE 'tx_9022%'"))
                    .isEqualTo("0");
        } finally {
            release.countDown();
            finish(sandbox.coordinator(), coordGid);
            finish(sandbox.shard("shard1"), shardGid);
            pool.shutdownNow();
        }
    }

    private ClusterSnapshot clusterOf(String shard) {
        io.pilothouse.services.sandbox.SandboxInfo.Shard s = sandbox.info.requireShard(shard);
        return sandbox.live.monitor().feed().latest().clusters().stream().filter(c -> c.members().stream()
                .anyMatch(m -> s.pgHost().equals(m.host()) && m.port() == s.pgPort())).findFirst().orElseThrow();
    }

    private PreparedBranch branch(Connection c, String gid, ClusterSnapshot cluster) throws SQLException {
        long xid = Long.parseLong(single(c, "SELECT transaction::text FROM pg_prepared_xacts WHERE gid = '" + gid
                + "'"));
        io.pilothouse.services.model.Member m = cluster.leaderMember().orElse(cluster.members().get(0));
        return new PreparedBranch(new NodeRef(cluster.source(), cluster.scope(), m.name(), m.host(), m.port()), gid,
                "postgres", sandbox.info.superuser(), Instant.now(), xid, 0, 200_000_000, List.of(), List.of(),
                false);
    }

    /** A prepared transaction that has written (so it holds a transaction id, as a real 2PC branch does). */
    private static void prepare(Connection c, String gid) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(SCRATCH);
            c.setAutoCommit(false);
            st.execute("INSERT INTO public.opsreg_scratch VALUES (1)");
            st.execute("PREPARE TRANSACTION '" + gid + "'");
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void finish(Connection c, String gid) throws SQLException {
        try (c; PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_prepared_xacts WHERE gid = ?")) {
            ps.setString(1, gid);
            boolean open;
            try (ResultSet rs = ps.executeQuery()) {
                open = rs.next();
            }
            try (Statement st = c.createStatement()) {
                if (open) {
                    st.execute("ROLLBACK PREPARED '" + gid + "'");
                }
                st.execute("DROP TABLE IF EXISTS public.opsreg_scratch");
            }
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
