package io.pilothouse.services.switchover;

import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.locks.EtcdOperationLock;
import io.pilothouse.services.locks.OperationLock;
import io.pilothouse.services.locks.WorkspaceLocks;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.policy.AuditOutcome;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.testing.Closing;
import io.pilothouse.services.workspace.Workspace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Switchover and failover against a real etcd + Patroni + PostgreSQL sandbox of its own: every pre-check condition
 * is made real (a prepared transaction, a nofailover tag, maintenance mode, paused replay under writes, etcd stopped,
 * a setting raised on the leader only), then real switchovers under load, a candidate killed mid-way and a failover
 * after kill -9 of the leader. Tests run in order and each leaves the cluster healthy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
@Tag("patroni-matrix")
class SwitchoverServiceSandboxTest {

    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static Workspace workspace;
    private static String source;
    private static LiveModel live;
    private static EstateMonitor monitor;
    private static JsonLinesAuditLog audit;
    private static WorkspaceLocks locks;
    private static SwitchoverService service;

    @BeforeAll
    static void start() throws Exception {
        own = OwnSandbox.start("pilothouse-switchover-", s -> s.withScope("sw").withHaproxy(true));
        sandbox = own.info();
        workspace = own.workspace();
        source = workspace.sources().get(0).name();
        live = LiveModel.on(workspace);
        monitor = live.monitor();
        audit = new JsonLinesAuditLog(own.dir().resolve("audit.jsonl"));
        locks = new WorkspaceLocks(workspace, Duration.ofSeconds(5));
        service = serviceWith(new MutationGate(false, audit));
        awaitHealthy("a healthy cluster to start with");
    }

    private static SwitchoverService serviceWith(MutationGate gate) {
        return Switchovers.on(monitor, live.executors(), LiveSettings.DEFAULTS,
                OperationGuard.locking(gate, locks::lockFor),
                c -> null, new SwitchoverSettings(Duration.ofSeconds(5), Duration.ofSeconds(40),
                        Duration.ofSeconds(90), Duration.ofMillis(50)));
    }

    @AfterAll
    static void stop() {
        Closing.inOrder(locks, live, own);
    }

    @Test
    @Order(1)
    void dryRunHasOneRowPerReplicaWithEveryCheckAndAllEligible() {
        ClusterSnapshot c = cluster();
        CheckMatrix matrix = service.check(source, "sw", OperationKind.SWITCHOVER, null);

        assertThat(matrix.leader()).isEqualTo(c.leader());
        assertThat(matrix.rows()).extracting(CandidateChecks::candidate).containsExactlyInAnyOrderElementsOf(
                replicas(c));
        for (CandidateChecks row : matrix.rows()) {
            assertThat(row.results()).extracting(CheckResult::check).containsExactly(CheckId.values());
            assertThat(row.failures()).as(row.toString()).isEmpty();
            assertThat(row.result(CheckId.SETTINGS).orElseThrow().verdict()).isEqualTo(Verdict.PASS);
            assertThat(row.result(CheckId.ETCD).orElseThrow().verdict()).isEqualTo(Verdict.PASS);
            assertThat(row.result(CheckId.SYNCHRONOUS).orElseThrow().reason()).startsWith("asynchronous");
        }
    }

    @Test
    @Order(2)
    void openPreparedTransactionOnTheLeaderWarns() throws Exception {
        String leader = cluster().leader();
        try (Connection c = superuser(leader); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("SELECT txid_current()");
            s.execute("PREPARE TRANSACTION 'switchover_test_gid'");
        }
        try {
            CheckResult r = anyRow().result(CheckId.PREPARED_XACTS).orElseThrow();
            assertThat(r.verdict()).isEqualTo(Verdict.WARN);
            assertThat(r.reason()).startsWith("1 prepared transaction(s) open on the leader");
        } finally {
            try (Connection c = superuser(leader); Statement s = c.createStatement()) {
                s.execute("ROLLBACK PREPARED 'switchover_test_gid'");
            }
        }
        assertThat(anyRow().result(CheckId.PREPARED_XACTS).orElseThrow().verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    @Order(3)
    void nofailoverTagFailsTheCandidateAndASwitchoverToItIsRefusedAndAudited() throws Exception {
        String tagged = replicas(cluster()).get(0);
        setNofailover(tagged, true);
        try {
            Await.until(SETTLE, "the nofailover tag in the model", () -> cluster().member(tagged).orElseThrow(),
                    m -> m.hasTag("nofailover"));
            CheckMatrix matrix = service.check(source, "sw", OperationKind.SWITCHOVER, null);
            CheckResult r = matrix.row(tagged).orElseThrow().result(CheckId.NOFAILOVER).orElseThrow();
            assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(matrix.eligible()).doesNotContain(tagged).isNotEmpty();
            String leaderBefore = cluster().leader();

            SwitchoverReport report = service.run(new SwitchoverRequest(OperationKind.SWITCHOVER, source, "sw",
                    tagged, null), step -> { });

            assertThat(report.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(report.summary()).contains("candidate.nofailover");
            assertThat(cluster().leader()).isEqualTo(leaderBefore);
            assertThat(lastRecord().outcome()).isEqualTo(AuditOutcome.REFUSED);
            assertThat(lastRecord().checks()).anyMatch(line -> line.startsWith("candidate.nofailover fail"));
        } finally {
            setNofailover(tagged, false);
            Await.until(SETTLE, "the nofailover tag gone", () -> cluster().member(tagged).orElseThrow(),
                    m -> !m.hasTag("nofailover"));
        }
    }

    @Test
    @Order(4)
    void pausedClusterWarnsRefusesSchedulingAndPausedReplayUnderWritesWarnsAboutLag() throws Exception {
        patchConfig("{\"pause\": true}");
        String replica = replicas(cluster()).get(0);
        try {
            Await.until(SETTLE, "maintenance mode in the model", SwitchoverServiceSandboxTest::cluster,
                    ClusterSnapshot::paused);
            CheckMatrix now = service.check(source, "sw", OperationKind.SWITCHOVER, null);
            assertThat(now.row(replica).orElseThrow().result(CheckId.PAUSED).orElseThrow().verdict())
                    .isEqualTo(Verdict.WARN);
            CheckMatrix later = service.check(source, "sw", OperationKind.SWITCHOVER,
                    Instant.now().plusSeconds(3600));
            assertThat(later.row(replica).orElseThrow().result(CheckId.PAUSED).orElseThrow().verdict())
                    .isEqualTo(Verdict.FAIL);

            try (Connection c = superuser(replica); Statement s = c.createStatement()) {
                s.execute("SELECT pg_wal_replay_pause()");
            }
            try (Connection c = superuser(cluster().leader()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS lag_filler (id int, pad text)");
                s.execute("INSERT INTO lag_filler SELECT g, repeat('x', 500) FROM generate_series(1, 8000) g");
            }
            // While the burst is still on the wire the replica has not *received* it either (a fail, as Patroni
            // would refuse); once it has, only the paused replay is behind: a warning.
            CheckResult lag = Await.until(SETTLE, "everything received, replay lag over maximum_lag_on_failover",
                    () -> service.check(source, "sw", OperationKind.SWITCHOVER, null).row(replica).orElseThrow()
                            .result(CheckId.LAG_BYTES).orElseThrow(), r -> r.verdict() == Verdict.WARN);
            assertThat(lag.reason()).contains("replay is").contains("pg_wal_replay_resume");
        } finally {
            try (Connection c = superuser(replica); Statement s = c.createStatement()) {
                s.execute("SELECT pg_wal_replay_resume()");
            }
            patchConfig("{\"pause\": false}");
            Await.until(SETTLE, "maintenance mode off", SwitchoverServiceSandboxTest::cluster, c -> !c.paused());
        }
    }

    @Test
    @Order(5)
    void stoppedEtcdFailsEveryCandidate() {
        own.launcher().stopEtcd(own.dir());
        try {
            Await.until(SETTLE, "etcd marked down", SwitchoverServiceSandboxTest::cluster,
                    c -> c.sourceStatus(SourceKind.ETCD).freshness() != Freshness.LIVE);
            CheckMatrix matrix = service.check(source, "sw", OperationKind.SWITCHOVER, null);
            assertThat(matrix.rows()).allSatisfy(row -> assertThat(row.result(CheckId.ETCD).orElseThrow().verdict())
                    .isEqualTo(Verdict.FAIL));
            assertThat(matrix.eligible()).isEmpty();
        } finally {
            own.launcher().startEtcd(own.dir());
        }
        awaitHealthy("etcd back");
    }

    /**
     * A replica with a lower max_connections than its primary: PostgreSQL pauses its replay, and Patroni, unless
     * paused, resumes it, which makes PostgreSQL stop and Patroni start it again with the higher value. So the
     * condition only lasts in maintenance mode, which is also where a DBA would meet it.
     */
    @Test
    @Order(6)
    void settingRaisedOnTheLeaderOnlyFailsTheReplicas() throws Exception {
        // After the etcd outage of the test before, the leader may still be finishing its promotion: restarting it
        // in maintenance mode before that is over would leave it a standby nobody promotes.
        String leader = Await.until(SETTLE, "a leader Patroni reports running and out of recovery",
                SwitchoverServiceSandboxTest::settledLeader, java.util.Objects::nonNull);
        patchConfig("{\"pause\": true}");
        Await.until(SETTLE, "maintenance mode", SwitchoverServiceSandboxTest::cluster, ClusterSnapshot::paused);
        patchConfig("{\"postgresql\": {\"parameters\": {\"max_connections\": 150}}}");
        try {
            Await.until(SETTLE, "pending restarts", SwitchoverServiceSandboxTest::cluster,
                    c -> c.members().stream().allMatch(Member::pendingRestart));
            restart(leader);
            CheckResult r = Await.until(SETTLE, "the replicas' lower max_connections seen",
                    () -> service.check(source, "sw", OperationKind.SWITCHOVER, null).rows().get(0)
                            .result(CheckId.SETTINGS).orElseThrow(), x -> x.verdict() == Verdict.FAIL);
            assertThat(r.reason()).contains("max_connections 100 < 150");
        } finally {
            for (String replica : replicas(cluster())) {
                restart(replica);
            }
            patchConfig("{\"pause\": false}");
        }
        awaitHealthy("replicas restarted with the new setting");
        Await.until(SETTLE, "settings equal again", () -> anyRow().result(CheckId.SETTINGS).orElseThrow(),
                x -> x.verdict() == Verdict.PASS);
    }

    @Test
    @Order(7)
    void anotherOperatorsLockRefusesTheSwitchoverAndNamesThem() throws Exception {
        String candidate = replicas(cluster()).get(0);
        try (EtcdOperationLock other = EtcdOperationLock.open(workspace.sources().get(0).etcd(), Duration.ofSeconds(5));
             OperationLock.Held ignored = other.acquire("sw", "restart")) {
            assertThatThrownBy(() -> service.run(new SwitchoverRequest(OperationKind.SWITCHOVER, source, "sw",
                    candidate, null), step -> { }))
                    .isInstanceOf(MutationRefusedException.class)
                    .hasMessageContaining("restart on sw in progress by");
        }
        assertThat(lastRecord().outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThat(lastRecord().message()).contains("in progress by");
    }

    @Test
    @Order(8)
    void readOnlyWorkspaceRefusesInServices() {
        SwitchoverService readOnly = serviceWith(new MutationGate(true, audit));
        String candidate = replicas(cluster()).get(0);
        for (OperationKind kind : OperationKind.values()) {
            assertThatThrownBy(() -> readOnly.run(new SwitchoverRequest(kind, source, "sw", candidate, null),
                    step -> { })).isInstanceOf(ReadOnlyWorkspaceException.class);
            assertThat(lastRecord().action()).isEqualTo(kind.word());
            assertThat(lastRecord().outcome()).isEqualTo(AuditOutcome.REFUSED);
        }
    }

    @Test
    @Order(9)
    void switchoverUnderInsertLoadLosesNoAcknowledgedRowAndVerifiesAllGreen() throws Exception {
        ClusterSnapshot before = cluster();
        String candidate = replicas(before).get(0);
        try (Connection c = superuser(before.leader()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS load_rows (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())");
        }
        Set<Long> acknowledged = new ConcurrentSkipListSet<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> load = writer.submit(() -> insertUntilStopped(writing, acknowledged));
        List<ProgressStep> steps = new CopyOnWriteArrayList<>();
        SwitchoverReport report;
        try {
            Await.until(Duration.ofSeconds(10), "the load running", acknowledged::size, n -> n > 20);
            report = service.run(new SwitchoverRequest(OperationKind.SWITCHOVER, source, "sw", candidate, null),
                    steps::add);
            int atEnd = acknowledged.size();
            Await.until(Duration.ofSeconds(10), "the load writing again", acknowledged::size, n -> n > atEnd + 20);
        } finally {
            writing.set(false);
            load.get(30, TimeUnit.SECONDS);
            writer.shutdownNow();
        }

        assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.COMPLETED);
        assertThat(report.verification()).as(report.verification().toString())
                .allMatch(v -> v.verdict() == Verdict.PASS);
        assertThat(report.allGreen()).isTrue();
        assertThat(report.verification()).extracting(VerificationItem::id).contains("write_endpoint");
        assertThat(report.newLeader()).isEqualTo(candidate);
        assertThat(report.writes().measured()).isTrue();
        assertThat(report.writes().unavailable()).isGreaterThan(Duration.ofMillis(50));
        assertThat(report.writes().primaryChanges()).isGreaterThanOrEqualTo(1);
        assertThat(steps).extracting(ProgressStep::text).anyMatch(t -> t.startsWith(candidate + " holds the leader key"))
                .anyMatch(t -> t.startsWith("timeline "))
                .anyMatch(t -> t.startsWith(before.leader() + " (old leader) back as"));
        try (Connection c = superuser(candidate); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM load_rows")) {
            Set<Long> stored = new java.util.HashSet<>();
            while (rs.next()) {
                stored.add(rs.getLong(1));
            }
            assertThat(stored).as("every acknowledged row is on the new leader").containsAll(acknowledged);
        }
        assertThat(lastRecord().action()).isEqualTo("switchover");
        assertThat(lastRecord().outcome()).isEqualTo(AuditOutcome.OK);
        assertThat(lastRecord().results()).containsKeys("writeUnavailableMs", "newLeader", "lock");
        assertThat(lastRecord().responses()).anyMatch(r -> r.contains("/switchover -> 200"));
        System.out.printf("switchover under load: %d rows acknowledged, write gap %d ms, total %d ms%n",
                acknowledged.size(), report.writes().unavailable().toMillis(), report.total().toMillis());
    }

    /**
     * A prepared transaction is WAL-logged: it survives a switchover and the new leader holds it. The live model
     * shows it on the leader before and after, never on a replica.
     */
    @Test
    @Order(10)
    void aPreparedBranchSurvivesASwitchoverAndIsFoundOnTheNewLeader() throws Exception {
        ClusterSnapshot before = live.awaitHealthy("sw", 3, SETTLE);
        String candidate = replicas(before).get(0);
        try (Connection c = superuser(before.leader()); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("CREATE TABLE IF NOT EXISTS survives (id int)");
            s.execute("INSERT INTO survives VALUES (1)");
            s.execute("PREPARE TRANSACTION 'survives_switchover'");
        }
        try {
            Await.until(Duration.ofSeconds(20), "the branch in the live model on " + before.leader(),
                    SwitchoverServiceSandboxTest::cluster, c -> c.prepared().stream().anyMatch(b ->
                            b.gid().equals("survives_switchover") && b.node().member().equals(before.leader())));
            SwitchoverReport report = service.run(new SwitchoverRequest(OperationKind.SWITCHOVER, source, "sw",
                    candidate, null), step -> { });
            assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.COMPLETED);
            assertThat(report.checks().result(CheckId.PREPARED_XACTS).orElseThrow().verdict()).isEqualTo(Verdict.WARN);
            Await.until(Duration.ofSeconds(30), "the branch in the live model on the new leader " + candidate,
                    SwitchoverServiceSandboxTest::cluster, c -> c.prepared().stream().anyMatch(b ->
                            b.gid().equals("survives_switchover") && b.node().member().equals(candidate)));
        } finally {
            try (Connection c = superuser(cluster().leader()); Statement s = c.createStatement()) {
                s.execute("ROLLBACK PREPARED 'survives_switchover'");
            }
        }
    }

    @Test
    @Order(11)
    void candidateKilledMidSwitchoverIsReportedAndTheClusterEndsHealthy() throws Exception {
        awaitHealthy("a healthy cluster before");
        ClusterSnapshot before = cluster();
        String candidate = replicas(before).get(0);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        java.util.concurrent.CountDownLatch posted = new java.util.concurrent.CountDownLatch(1);
        Future<SwitchoverReport> running = runner.submit(() -> service.run(new SwitchoverRequest(
                OperationKind.SWITCHOVER, source, "sw", candidate, null), step -> {
                    // Mid-way: the old leader has let go of the key, the candidate is promoting.
                    if (step.text().startsWith("leader key ") && posted.getCount() > 0) {
                        own.launcher().kill9Member(own.dir(), candidate);
                        posted.countDown();
                    }
                }));
        SwitchoverReport report;
        try {
            report = running.get(150, TimeUnit.SECONDS);
        } finally {
            runner.shutdownNow();
        }
        assertThat(posted.getCount()).isZero();
        System.out.printf("candidate killed mid-switchover: %s in %d ms: %s%n", report.outcome().word(),
                report.total().toMillis(), report.summary());
        assertThat(report.outcome()).as(report.summary()).isNotEqualTo(Outcome.COMPLETED);
        assertThat(report.summary()).isNotBlank();
        assertThat(report.responses()).isNotEmpty();
        assertThat(lastRecord().outcome()).isIn(AuditOutcome.FAILED, AuditOutcome.REFUSED);
        own.launcher().startMember(own.dir(), candidate);
        awaitHealthy("the killed candidate back");
    }

    @Test
    @Order(12)
    void failoverAfterKill9OfTheLeaderPromotesTheChosenReplicaAndShowsPredictedLoss() throws Exception {
        ClusterSnapshot before = awaitHealthy("a healthy cluster before");
        String oldLeader = before.leader();
        String candidate = replicas(before).get(1);
        own.launcher().kill9Member(own.dir(), oldLeader);
        Await.until(SETTLE, "the dead leader noticed", SwitchoverServiceSandboxTest::cluster,
                c -> c.member(oldLeader).map(m -> m.freshness() != Freshness.LIVE).orElse(true));
        CheckMatrix matrix = service.check(source, "sw", OperationKind.FAILOVER, null);
        assertThat(matrix.row(candidate).orElseThrow().eligible()).as(matrix.toString()).isTrue();

        SwitchoverReport report = service.run(new SwitchoverRequest(OperationKind.FAILOVER, source, "sw", candidate,
                null), step -> { });

        assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.COMPLETED);
        assertThat(report.newLeader()).isEqualTo(candidate);
        assertThat(report.predictedLossBytes()).isNotNull().isGreaterThanOrEqualTo(0L);
        assertThat(report.verification()).filteredOn(v -> v.id().equals("leader"))
                .allMatch(v -> v.verdict() == Verdict.PASS);
        assertThat(lastRecord().action()).isEqualTo("failover");
        assertThat(lastRecord().results()).containsKey("predictedLossBytes");
        own.launcher().startMember(own.dir(), oldLeader);
        awaitHealthy("the old leader back as a replica");
    }

    @Test
    @Order(13)
    void auditChainIsIntactAndHasEveryOperation() {
        assertThat(audit.verify().intact()).isTrue();
        assertThat(audit.verify().records()).isGreaterThanOrEqualTo(7);
    }

    // --- helpers ---

    private static ClusterSnapshot cluster() {
        return monitor.feed().latest().cluster(source, "sw").orElse(null);
    }

    private static List<String> replicas(ClusterSnapshot c) {
        return c.members().stream().filter(m -> !m.name().equals(c.leader())).map(Member::name).sorted().toList();
    }

    private static CandidateChecks anyRow() {
        return service.check(source, "sw", OperationKind.SWITCHOVER, null).rows().get(0);
    }

    private static ClusterSnapshot awaitHealthy(String what) {
        // Etcd back as well: some tests stop it.
        return Await.until(SETTLE, what, SwitchoverServiceSandboxTest::cluster,
                c -> LiveModel.isHealthy(c, sandbox.members().size())
                        && c.sourceStatus(SourceKind.ETCD).freshness() == Freshness.LIVE);
    }

    private static io.pilothouse.services.policy.AuditRecord lastRecord() {
        List<io.pilothouse.services.policy.AuditRecord> all = AuditLines.read(audit.file());
        return all.get(all.size() - 1);
    }

    private static Connection superuser(String member) throws SQLException {
        return SandboxConnections.connect(sandbox, member, sandbox.superuser(), "postgres");
    }

    private static String restUrl(String member) {
        return sandbox.requireMember(member).restUrl();
    }

    private static void setNofailover(String member, boolean on) throws Exception {
        Path yml = sandbox.requireMember(member).dataDir().getParent().resolve("patroni.yml");
        String text = Files.readString(yml);
        Files.writeString(yml, text.replaceFirst("nofailover: (true|false)", "nofailover: " + on));
        send("POST", restUrl(member), "/reload", null);
    }

    private static void patchConfig(String json) throws Exception {
        send("PATCH", restUrl(cluster().leader()), "/config", json);
    }

    /** The leader, once Patroni reports it a running master and its PostgreSQL is out of recovery; else null. */
    private static String settledLeader() {
        String leader = cluster().leader();
        if (leader == null) {
            return null;
        }
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(restUrl(leader) + "/patroni"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            boolean running = r.statusCode() == 200 && r.body().matches("(?s).*\"role\": ?\"(master|primary)\".*")
                    && r.body().matches("(?s).*\"state\": ?\"running\".*");
            if (!running) {
                return null;
            }
            try (Connection c = SandboxConnections.connect(sandbox, leader, sandbox.superuser(), "postgres");
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                return rs.getBoolean(1) ? null : leader;
            }
        } catch (java.io.IOException | SQLException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void restart(String member) throws Exception {
        // Patroni's promote task outlives the end of recovery by a second or so; until it returns, a restart is
        // answered 503 "promote already in progress" and nothing is done. Ask again for that answer only.
        HttpResponse<String> r = Await.until(Duration.ofSeconds(15), "Patroni to take the restart of " + member,
                () -> post(restUrl(member) + "/restart", "{}"),
                x -> !(x.statusCode() == 503 && x.body().contains("already in progress")));
        assertThat(r.statusCode()).as("POST /restart: " + r.body()).isBetween(200, 299);
        Await.until(SETTLE, member + " restarted", () -> cluster().member(member).orElseThrow(),
                m -> !m.pendingRestart() && m.state().isHealthy() && m.freshness() == Freshness.LIVE);
    }

    private static HttpResponse<String> post(String url, String json) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void send(String method, String base, String path, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
    }

    /** Inserts one row per statement through a multi-host connection to the primary; keeps every returned id. */
    private static void insertUntilStopped(AtomicBoolean writing, Set<Long> acknowledged) {
        Connection c = null;
        while (writing.get()) {
            try {
                if (c == null) {
                    Properties p = new Properties();
                    p.setProperty("user", sandbox.superuser());
                    SandboxInfo.Member first = sandbox.members().get(0);
                    p.setProperty("password", SandboxConnections.password(sandbox.passfile(), first.pgHost(),
                            first.pgPort(), "postgres", sandbox.superuser()).orElseThrow());
                    p.setProperty("targetServerType", "primary");
                    p.setProperty("hostRecheckSeconds", "0");
                    p.setProperty("connectTimeout", "1");
                    p.setProperty("socketTimeout", "3");
                    c = DriverManager.getConnection("jdbc:postgresql://" + sandbox.pgHostList() + "/postgres", p);
                }
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("INSERT INTO load_rows DEFAULT VALUES RETURNING id")) {
                    rs.next();
                    acknowledged.add(rs.getLong(1));
                }
            } catch (SQLException e) {
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (SQLException ignored) {
                    // broken anyway
                }
                c = null;
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // done
        }
    }
}
