package io.pilothouse.services.policy;

import com.fasterxml.jackson.databind.node.IntNode;
import io.pilothouse.services.activity.BackendSignal;
import io.pilothouse.services.activity.BackendSignals;
import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertLedger;
import io.pilothouse.services.indoubt.InDoubtOperations;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.operations.OperationTimeouts;
import io.pilothouse.services.operations.PatroniOperations;
import io.pilothouse.services.operations.RestartOptions;
import io.pilothouse.services.patroni.PatroniRestClient;
import io.pilothouse.services.reshard.CitusRebalanceService;
import io.pilothouse.services.reshard.MoveJournal;
import io.pilothouse.services.reshard.MovePlan;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.QualifiedName;
import io.pilothouse.services.reshard.ReshardNode;
import io.pilothouse.services.reshard.ReshardService;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.SwitchoverRequest;
import io.pilothouse.services.switchover.SwitchoverService;
import io.pilothouse.services.switchover.SwitchoverSettings;
import io.pilothouse.services.trafficops.HaproxyRuntime;
import io.pilothouse.services.trafficops.HaproxyServerState;
import io.pilothouse.services.trafficops.HoldJournal;
import io.pilothouse.services.trafficops.HoldRecord;
import io.pilothouse.services.trafficops.LeftPauses;
import io.pilothouse.services.trafficops.PgBouncerAddress;
import io.pilothouse.services.trafficops.PgBouncerCommand;
import io.pilothouse.services.trafficops.PgBouncerConnector;
import io.pilothouse.services.trafficops.TrafficOperations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every mutating path of a session goes through the one {@link OperationGuard} (or, for alerts, the one
 * {@link MutationGate}) the session was built with; for a {@link SessionKind#WALL} session that guard refuses each of
 * them, on a workspace that says read-write, before anything is sent, locked or connected: each path is called here
 * with collaborators that fail the test if touched.
 */
class WallSessionRefusalTest {

    private static final Instant NOW = Instant.parse("2026-12-07T03:30:00Z");

    @TempDir
    Path dir;

    private final List<AuditRecord> audited = new CopyOnWriteArrayList<>();
    private final AtomicInteger touched = new AtomicInteger();
    /** A wall session on a read-write workspace ({@code readOnly: false}). */
    private final MutationGate gate = new MutationGate(SessionKind.WALL, false, audited::add,
            Clock.fixed(NOW, java.time.ZoneOffset.UTC), "wall");
    private final OperationGuard guard = OperationGuard.locking(gate, c -> {
        touched.incrementAndGet();
        throw new AssertionError("a wall session must not take an operation lock");
    });

    private final ClusterSnapshot demo = ClusterSnapshot.builder("demo", "demo").leader("node1").timeline(1)
            .members(List.of(member("node1", MemberRole.LEADER), member("node2", MemberRole.REPLICA)))
            .observedAt(NOW).build();
    private final EstateFeed feed = new EstateFeed() {
        @Override
        public EstateSnapshot latest() {
            return new EstateSnapshot("w", false, List.of(demo), 1, NOW);
        }

        @Override
        public AutoCloseable subscribe(Consumer<EstateSnapshot> listener) {
            return () -> { };
        }
    };

    @Test
    void theGuardSaysReadOnlyAndTheGateNamesTheWall() {
        assertThat(guard.isReadOnly()).isTrue();
        assertThat(gate.session()).isEqualTo(SessionKind.WALL);
        assertThat(new MutationGate(SessionKind.OPERATOR, false, audited::add).isReadOnly()).isFalse();
    }

    @Test
    void switchoverFailoverAndScheduledCancelAreRefused() throws Exception {
        SwitchoverService service = new SwitchoverService(feed, null, rest(), guard, null, c -> untouched(),
                r -> touched.incrementAndGet(), c -> untouched(), Clock.systemUTC(), SwitchoverSettings.DEFAULTS);
        for (OperationKind kind : OperationKind.values()) {
            refused(kind.word(), () -> service.run(new SwitchoverRequest(kind, "demo", "demo", "node2", null),
                    step -> touched.incrementAndGet()));
        }
        refused("cancel-switchover", () -> service.cancelScheduled("demo", "demo"));
    }

    @Test
    void patroniOperationsAndConfigAreRefused() throws Exception {
        PatroniOperations ops = new PatroniOperations(guard, rest(), feed, null, OperationTimeouts.DEFAULTS);
        assertThat(ops.isReadOnly()).isTrue();
        Consumer<String> progress = line -> touched.incrementAndGet();
        refused("restart", () -> ops.restart(demo, "node2", RestartOptions.NOW, progress));
        refused("restart.cancel", () -> ops.cancelScheduledRestart(demo, "node2", progress));
        refused("reload", () -> ops.reload(demo, "node2", progress));
        refused("reinitialize", () -> ops.reinitialize(demo, "node2", true, progress));
        refused("pause", () -> ops.pause(demo, progress));
        refused("resume", () -> ops.resume(demo, progress));
        refused("config", () -> ops.editConfig(demo, Map.of("loop_wait", IntNode.valueOf(5)), progress));
    }

    @Test
    void inDoubtResolveIsRefused() throws Exception {
        InDoubtOperations ops = new InDoubtOperations(guard, null, (host, port, db, user) -> untouched(),
                feed::latest);
        PreparedBranch branch = new PreparedBranch(new NodeRef("demo", "demo", "node1", "127.0.0.1", 5432),
                "tx_1", "app", "app", NOW, 1234, 10, 200_000_000, List.of(), List.of(), false);
        refused("commit-prepared", () -> ops.resolve(branch, true, null));
        refused("rollback-prepared", () -> ops.resolve(branch, false, null));
    }

    @Test
    void reshardMovesAndCitusRebalanceAreRefused() throws Exception {
        MoveJournal journal = new MoveJournal(dir.resolve("reshard"));
        MovePlan plan = plan();
        journal.save(MoveRecord.planned(plan));
        ReshardService reshard = new ReshardService(guard, feed::latest, null, null, null, journal, null);
        refused("reshard-move", () -> reshard.move(plan, null, () -> false));
        refused("reshard-resume", () -> reshard.resume(plan.id(), null, () -> false));
        refused("reshard-rollback", () -> reshard.rollBack(plan.id(), null));
        refused("reshard-drop-source", () -> reshard.dropSource(plan.id(), null));
        CitusRebalanceService citus = new CitusRebalanceService(guard, (node, user) -> untouched(),
                Duration.ofSeconds(1));
        refused("citus-rebalance", () -> citus.rebalance(demo, COORDINATOR, "postgres",
                p -> touched.incrementAndGet()));
    }

    @Test
    void trafficOperationsAreRefusedAndLeftPausesAreOnlyNamed() throws Exception {
        TrafficOperations traffic = new TrafficOperations(guard);
        HaproxyRuntime haproxy = new HaproxyRuntime(dir.resolve("haproxy.sock"), Duration.ofSeconds(1));
        for (HaproxyServerState state : HaproxyServerState.values()) {
            refused(state.action(), () -> traffic.setServerState(demo, haproxy, "primary", "node1", state));
        }
        PgBouncerConnector bouncer = new PgBouncerConnector() {
            @Override
            public PgBouncerAddress address() {
                return new PgBouncerAddress("127.0.0.1", 6432, "pgbouncer");
            }

            @Override
            public io.pilothouse.services.trafficops.PgBouncerAdmin open() {
                return untouched();
            }
        };
        for (PgBouncerCommand command : PgBouncerCommand.values()) {
            refused(command.action(), () -> traffic.pgBouncer(demo, bouncer, "app", command));
        }
        HoldJournal holds = new HoldJournal(dir.resolve("holds"));
        holds.save(new HoldRecord("h1", "127.0.0.1", 6432, "pgbouncer", "app", "demo/demo", NOW,
                NOW.plusSeconds(30)));
        List<String> lines = LeftPauses.resume(holds, address -> untouched(), guard.isReadOnly());
        assertThat(lines).singleElement().asString().contains("not resumed");
        assertThat(holds.open()).hasSize(1);
    }

    @Test
    void backendSignalsAreRefused() throws Exception {
        BackendSignals signals = new BackendSignals(guard, (node, user) -> untouched(), feed::latest);
        NodeRef node = new NodeRef("demo", "demo", "node1", "127.0.0.1", 5432);
        for (BackendSignal signal : BackendSignal.values()) {
            refused(signal.action(), () -> signals.signal(node, 4242, signal, NOW, null));
        }
    }

    @Test
    void alertAcknowledgeAndSilenceAreRefused() throws Exception {
        AlertLedger ledger = new AlertLedger(gate, Clock.fixed(NOW, java.time.ZoneOffset.UTC), "wall", 10);
        Alert alert = new Alert("demo/demo/no-leader", io.pilothouse.services.alerts.AlertSeverity.CRITICAL,
                io.pilothouse.services.alerts.AlertRule.MEMBER_MISSING, "demo", "demo", null, "no leader", NOW);
        ledger.record(new io.pilothouse.services.alerts.AlertEvent(
                io.pilothouse.services.alerts.AlertEvent.Type.ALERT_RAISED, alert, NOW));
        String id = ledger.entries().get(0).id();
        refused("alert-acknowledge", () -> ledger.acknowledge(id));
        refused("alert-silence", () -> ledger.silence(id, Duration.ofHours(1)));
        refused("alert-unsilence", () -> ledger.unsilence(id));
    }

    /** Calls {@code path}, expects the wall refusal and its audit record, and that nothing beyond the gate ran. */
    private void refused(String action, Executable path) {
        int before = audited.size();
        assertThatThrownBy(path::execute).as(action).isInstanceOf(ReadOnlyWorkspaceException.class)
                .hasMessageContaining("wall session");
        assertThat(audited).as(action).hasSize(before + 1);
        AuditRecord record = audited.get(audited.size() - 1);
        assertThat(record.action()).isEqualTo(action);
        assertThat(record.outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThat(touched).as("nothing behind the gate ran for " + action).hasValue(0);
    }

    private <T> T untouched() {
        touched.incrementAndGet();
        throw new AssertionError("a wall session must not reach past the gate");
    }

    private static PatroniRestClient rest() {
        return new PatroniRestClient(Runnable::run, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    private static Member member(String name, MemberRole role) {
        return Member.builder(name).role(role).state(MemberState.RUNNING).host("127.0.0.1").port(5432).build();
    }

    private static final ReshardNode COORDINATOR = new ReshardNode("node1", "demo", "10.0.0.1", 5432, "app");

    private static MovePlan plan() {
        QualifiedName part = new QualifiedName("demo", "orders_p3");
        ReshardNode source = new ReshardNode("shard2", "shard2", "10.0.0.3", 5432, "app");
        ReshardNode target = new ReshardNode("shard1", "shard1", "10.0.0.2", 5432, "app");
        return new MovePlan("20261207t033000_wall", "demo/demo", COORDINATOR, new QualifiedName("demo", "orders"),
                part, "FOR VALUES WITH (modulus 8, remainder 3)", true, source, part, target, "shard1", part,
                "orders_p3_moved_20261207t033000_wall", "postgres", List.of("CREATE TABLE x ()"), List.of(), 10, 8192,
                NOW, List.of(), null);
    }
}
