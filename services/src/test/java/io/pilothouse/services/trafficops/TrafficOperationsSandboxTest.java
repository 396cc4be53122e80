package io.pilothouse.services.trafficops;

import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.locks.WorkspaceLocks;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.Outcome;
import io.pilothouse.services.switchover.SwitchoverReport;
import io.pilothouse.services.switchover.SwitchoverRequest;
import io.pilothouse.services.switchover.SwitchoverService;
import io.pilothouse.services.switchover.SwitchoverSettings;
import io.pilothouse.services.switchover.Switchovers;
import io.pilothouse.services.switchover.Verdict;
import io.pilothouse.services.switchover.VerificationItem;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.testing.ClientLoad;
import io.pilothouse.services.testing.Closing;
import io.pilothouse.services.workspace.NodeAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The traffic operations against a real HAProxy (the sandbox's, admin socket) and the real PgBouncer of a
 * {@code --poolers} sandbox in front of its write port: drain / ready read back, refusals that send nothing, PAUSE / RESUME / RECONNECT, a switchover with
 * clients held at PgBouncer that loses no client transaction, and a pause left behind resumed from the journal.
 * One sandbox (3 members, HAProxy, poolers) for all of it.
 */
@Tag("servers")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrafficOperationsSandboxTest {

    private static OwnSandbox own;
    private static SandboxPgBouncer bouncer;
    private static LiveModel live;
    private static WorkspaceLocks locks;
    private static TrafficOperations ops;
    private static HaproxyRuntime haproxy;
    private static final String PGBOUNCER_ADMIN = "pgbouncer_admin";
    private static Path audit;

    @BeforeAll
    static void start() throws Exception {
        own = OwnSandbox.start("traffic-ops-", s -> s.withHaproxy(true).withPoolers(true));
        bouncer = new SandboxPgBouncer(own.info());
        live = LiveModel.on(own.workspace());
        locks = new WorkspaceLocks(own.workspace(), Duration.ofSeconds(5));
        audit = own.dir().resolve("audit.jsonl");
        ops = new TrafficOperations(OperationGuard.locking(new MutationGate(false, new JsonLinesAuditLog(audit)),
                locks::lockFor));
        // The admin socket as the window and the CLI find it: the workspace's traffic.haproxy.socket key.
        String socket = own.workspace().sources().get(0).traffic().haproxy().socket();
        assertThat(Path.of(socket)).isEqualTo(own.dir().toAbsolutePath().resolve("haproxy.sock")).exists();
        haproxy = new HaproxyRuntime(Path.of(socket), Duration.ofSeconds(3));
        live.awaitHealthy(own.info().scope(), 3, LiveModel.SETTLE);
    }

    @AfterAll
    static void stop() {
        Closing.inOrder(locks, live, own);
    }

    private static ClusterSnapshot cluster() {
        return live.cluster(own.info().scope());
    }

    private static String aReplica() {
        return cluster().members().stream().map(Member::name).filter(n -> !n.equals(cluster().leader()))
                .findFirst().orElseThrow();
    }

    private static HaproxyServerLine line(String backend, String server) throws Exception {
        return TrafficOperations.find(HaproxyServerLine.parse(haproxy.send("show stat")), backend, server);
    }

    @Test
    @Order(1)
    void drainsAReplicaServerThenSetsItReadyAndReadsBothBack() throws Exception {
        String replica = aReplica();
        TrafficPreview preview = ops.previewServerState(haproxy, "replicas", replica, HaproxyServerState.DRAIN);
        assertThat(preview.action()).isEqualTo("Drain replicas/" + replica + " on HAProxy");
        assertThat(preview.touches()).singleElement().asString().startsWith("replicas/" + replica + " (127.0.0.1:");

        String drained = ops.setServerState(cluster(), haproxy, "replicas", replica, HaproxyServerState.DRAIN);
        assertThat(drained).contains("is drain on HAProxy");
        assertThat(line("replicas", replica).status()).contains("DRAIN");

        String ready = ops.setServerState(cluster(), haproxy, "replicas", replica, HaproxyServerState.READY);
        assertThat(ready).contains("is ready");
        assertThat(line("replicas", replica).status()).doesNotContain("DRAIN").doesNotContain("MAINT");
        assertThat(Files.readString(audit)).contains("haproxy-server-drain").contains("haproxy-server-ready");
    }

    @Test
    @Order(2)
    void previewWarnsWhenTheOnlyWriteServerWouldStopTakingConnections() throws Exception {
        TrafficPreview preview = ops.previewServerState(haproxy, "primary", cluster().leader(),
                HaproxyServerState.MAINT);
        assertThat(preview.risks()).anySatisfy(r -> assertThat(r).contains("the only server of primary"));
    }

    @Test
    @Order(3)
    void refusesInReadOnlyWorkspacesAndForUnknownServersWithNothingSent() throws Exception {
        String replica = aReplica();
        TrafficOperations readOnly = new TrafficOperations(OperationGuard.gateOnly(new MutationGate(true,
                new JsonLinesAuditLog(audit))));
        assertThatThrownBy(() -> readOnly.setServerState(cluster(), haproxy, "replicas", replica,
                HaproxyServerState.MAINT)).isInstanceOf(ReadOnlyWorkspaceException.class);
        assertThat(line("replicas", replica).status()).doesNotContain("MAINT");
        assertThatThrownBy(() -> readOnly.pgBouncer(cluster(), bouncer.console(), SandboxPgBouncer.DATABASE,
                PgBouncerCommand.PAUSE)).isInstanceOf(ReadOnlyWorkspaceException.class);

        assertThatThrownBy(() -> ops.setServerState(cluster(), haproxy, "replicas", "node99",
                HaproxyServerState.DRAIN)).isInstanceOf(MutationRefusedException.class)
                .hasMessageContaining("no server replicas/node99");
        assertThatThrownBy(() -> ops.pgBouncer(cluster(), bouncer.console(), "nosuchdb", PgBouncerCommand.PAUSE))
                .isInstanceOf(MutationRefusedException.class).hasMessageContaining("has no database nosuchdb");
        assertThatThrownBy(() -> ops.previewPgBouncer(bouncer.console(), "x; KILL app", PgBouncerCommand.PAUSE))
                .isInstanceOf(IllegalArgumentException.class);

        assertThatThrownBy(() -> new HaproxyRuntime(own.dir().resolve("missing.sock"), Duration.ofSeconds(1))
                .send("show stat")).isInstanceOf(TrafficSourceException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> bouncer.strangerConsole().open()).isInstanceOf(TrafficSourceException.class)
                .hasMessageContaining("refused nobody_here");
        assertThat(pgbouncerDatabase().paused()).isFalse();
    }

    @Test
    @Order(4)
    void pausesResumesAndReconnectsAPgBouncerDatabaseReadingEachBack() throws Exception {
        TrafficPreview preview = ops.previewPgBouncer(bouncer.console(), SandboxPgBouncer.DATABASE,
                PgBouncerCommand.PAUSE);
        assertThat(preview.touches()).singleElement().asString().startsWith("app -> 127.0.0.1:"
                + own.info().haproxy().writePort() + "/app");
        assertThat(ops.pgBouncer(cluster(), bouncer.console(), SandboxPgBouncer.DATABASE, PgBouncerCommand.PAUSE))
                .contains("now app ->").contains("PAUSED");
        assertThat(pgbouncerDatabase().paused()).isTrue();
        assertThat(ops.pgBouncer(cluster(), bouncer.console(), SandboxPgBouncer.DATABASE, PgBouncerCommand.RESUME))
                .doesNotContain("now app -> 127.0.0.1:" + own.info().haproxy().writePort() + "/app (PAUSED");
        assertThat(pgbouncerDatabase().paused()).isFalse();
        assertThat(ops.pgBouncer(cluster(), bouncer.console(), SandboxPgBouncer.DATABASE,
                PgBouncerCommand.RECONNECT)).startsWith("RECONNECT app done");
        assertThat(Files.readString(audit)).contains("pgbouncer-pause").contains("pgbouncer-resume")
                .contains("pgbouncer-reconnect");
    }

    @Test
    @Order(5)
    void switchoverWithClientsHeldAtPgBouncerLosesNoClientTransaction() throws Exception {
        SwitchoverService service = Switchovers.on(live.monitor(), live.executors(), LiveSettings.DEFAULTS,
                OperationGuard.locking(new MutationGate(false, new JsonLinesAuditLog(audit)), locks::lockFor),
                c -> null, SwitchoverSettings.DEFAULTS);
        ClusterSnapshot before = cluster();
        String candidate = aReplica();
        HoldJournal journal = new HoldJournal(own.dir().resolve("traffic-holds"));
        PoolerTarget target = new PoolerTarget((host, port) -> live.monitor().openFresh(before.source(),
                new NodeAddress(host, port)));
        PgBouncerClientHold hold = new PgBouncerClientHold(bouncer.console(), SandboxPgBouncer.DATABASE, journal,
                target, Duration.ofSeconds(60), Duration.ofSeconds(20), Clock.systemUTC())
                .steering(new HaproxyWriteSteer(haproxy, target, Duration.ofMillis(50)));
        try (ClientLoad clients = ClientLoad.start("127.0.0.1", bouncer.port(), SandboxPgBouncer.DATABASE,
                bouncer.appUser(), bouncer.appPassword(), 4, 20)) {
            Await.until(Duration.ofSeconds(20), "clients committing through PgBouncer", clients::figures,
                    f -> f.commits() > 20);
            clients.reset();
            SwitchoverReport report = service.run(new SwitchoverRequest(OperationKind.SWITCHOVER, before.source(),
                    before.scope(), candidate, null), s -> { }, hold, true);
            // Clients go on committing on the new leader: wait for 20 more commits after the switchover returned.
            long atEnd = clients.figures().commits();
            ClientLoad.Figures figures = Await.until(Duration.ofSeconds(20), "clients committing on the new leader",
                    clients::figures, f -> f.commits() >= atEnd + 20);
            assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.COMPLETED);
            VerificationItem held = report.verification().stream().filter(i -> i.id().equals("clients_held"))
                    .findFirst().orElseThrow();
            assertThat(held.verdict()).as(held.detail()).isEqualTo(Verdict.PASS);
            assertThat(held.detail()).contains("reaches " + candidate + " ").contains("RESUME app read back")
                    // Steered on the write backend only (the replicas backend is not a write backend), read back.
                    .contains("set server primary/" + candidate + " health up -> ok")
                    .contains("set server primary/" + before.leader() + " health down -> ok")
                    .doesNotContain("replicas/").contains("HAProxy now: primary/" + candidate + " UP");
            assertThat(figures.failures()).as("failed client transactions: %s", figures.firstErrors()).isZero();
            assertThat(figures.commits()).isPositive();
            assertThat(hold.longestClientWait()).isPositive();
            System.out.printf("held switchover: %s; clients: %d commits, %d failed, longest commit %d ms%n",
                    held.detail(), figures.commits(), figures.failures(), figures.longestCommitMillis());
        }
        assertThat(journal.open()).isEmpty();
        assertThat(pgbouncerDatabase().paused()).isFalse();
        assertThat(Files.readString(audit)).contains("pgbouncer.longestClientWaitMs").contains("checkpoint")
                .contains("haproxy.steer").contains("haproxy.after");
        // Only the checks' health was forced: no server left in maintenance, and HAProxy's own checks agree.
        List<HaproxyServerLine> after = HaproxyServerLine.parse(haproxy.send("show stat"));
        assertThat(after).noneMatch(l -> l.status().contains("MAINT") || l.status().contains("DRAIN"));
        assertThat(after.stream().filter(l -> l.backend().equals("primary") && l.takesNewConnections())
                .map(HaproxyServerLine::server)).containsExactly(candidate);
    }

    @Test
    @Order(7)
    void aUserLevelSocketReadsButEveryServerChangeIsRefusedInWords() throws Exception {
        // Least privilege: the sandbox's second runtime socket is "level user" (HaproxyConfigWriter.USER_SOCKET).
        HaproxyRuntime user = new HaproxyRuntime(own.dir().toAbsolutePath().resolve("haproxy-user.sock"),
                Duration.ofSeconds(3));
        assertThat(HaproxyServerLine.parse(user.send("show stat"))).as("show stat at level user").isNotEmpty();
        String replica = aReplica();
        String before = line("replicas", replica).status();
        assertThatThrownBy(() -> ops.setServerState(cluster(), user, "replicas", replica, HaproxyServerState.DRAIN))
                .isInstanceOf(MutationRefusedException.class)
                .hasMessageContaining("Permission denied")
                .hasMessageContaining("the socket must be level admin");
        assertThat(line("replicas", replica).status()).as("nothing changed").isEqualTo(before);
    }

    @Test
    @Order(6)
    void aPauseLeftBehindByAKilledAppIsResumedFromTheJournal() throws Exception {
        HoldJournal journal = new HoldJournal(own.dir().resolve("traffic-holds-left"));
        try (PgBouncerAdmin admin = bouncer.console().open()) {
            journal.save(new HoldRecord("hold-left", "127.0.0.1", bouncer.port(), PGBOUNCER_ADMIN,
                    SandboxPgBouncer.DATABASE, "test/demo", Instant.now(), Instant.now().plusSeconds(60)));
            admin.send(PgBouncerCommand.PAUSE, SandboxPgBouncer.DATABASE, Duration.ofSeconds(10));
        }
        assertThat(pgbouncerDatabase().paused()).isTrue();
        // A read-only workspace names the pause and changes nothing.
        assertThat(LeftPauses.resume(journal, a -> bouncer.console(), true)).singleElement().asString()
                .contains("not resumed, this workspace is read-only");
        assertThat(pgbouncerDatabase().paused()).isTrue();
        assertThat(journal.open()).hasSize(1);
        assertThat(LeftPauses.resume(journal, a -> bouncer.console(), false)).singleElement().asString()
                .contains("resumed (it had been left paused)");
        assertThat(pgbouncerDatabase().paused()).isFalse();
        assertThat(journal.open()).isEmpty();
    }

    private static PgBouncerDatabase pgbouncerDatabase() throws Exception {
        try (PgBouncerAdmin admin = bouncer.console().open()) {
            return admin.database(SandboxPgBouncer.DATABASE).orElseThrow();
        }
    }
}
