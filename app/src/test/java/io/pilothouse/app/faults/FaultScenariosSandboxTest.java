package io.pilothouse.app.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.Main;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.faults.ConnectionHog;
import io.pilothouse.services.faults.Deadline;
import io.pilothouse.services.faults.FaultInjector;
import io.pilothouse.services.faults.FaultTarget;
import io.pilothouse.services.faults.FaultTimings;
import io.pilothouse.services.faults.HangingListener;
import io.pilothouse.services.faults.NetworkPartition;
import io.pilothouse.services.faults.TinyWalVolume;
import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxProcessRoles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite (issue 12): one scenario per test against one real etcd + 3 Patroni + PostgreSQL 15 sandbox, each
 * fault made for real (kill -9, SIGSTOP, a REST listener that never answers, connection slots exhausted, a network
 * partition). Each asserts what the live model (services) and {@code watch --json} (the CLI, in-process) show, and
 * how fast; its detection and recovery times are recorded as a {@code FAULT-TIMING} line
 * ({@code target/fault-timings.txt}). Scenarios run in order and each leaves the cluster healthy.
 *
 * <p>Bounds are generous on purpose: the suite runs on a loaded 2-core CI machine. What they hold is that a fault
 * is seen in seconds, not minutes, and that the model recovers by itself.
 */
@Tag("servers")
@Tag("faults")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultScenariosSandboxTest {

    /** A fault the model polls for every second must show within this, even on a loaded machine. */
    private static final Duration DETECT = Duration.ofSeconds(15);
    /** Back to healthy: a Patroni restart or failover and the model's next reads. */
    private static final Duration RECOVER = Duration.ofSeconds(90);
    /** A recovered cluster must stay healthy this long (no flapping back). */
    private static final Duration STABLE = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static LiveModel live;
    private static WatchJsonRun watch;
    private static FaultInjector faults;
    /** A replica's pg_wal volume of the disk-full scenario; unmounted once the sandbox is down. */
    private static TinyWalVolume walVolume;
    private static final List<ClusterEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSandboxModelAndWatch() {
        own = OwnSandbox.start("faults-sbx-", s -> s.withScope("faults"));
        sandbox = own.info();
        faults = new FaultInjector(own.dir());
        live = LiveModel.on(own.workspace(), m -> m.onEvent(events::add));
        watch = WatchJsonRun.start(sandbox.workspaceFile());
        // watch --json has no "settled" line: wait for its first line (CLUSTER_DISCOVERED, or a SOURCE_REGAINED when
        // the discovery happened before its listener was attached), then for a picture that holds still.
        Deadline.until(Duration.ofSeconds(60), "a first line from watch --json", () -> watch.linesSince(0),
                lines -> !lines.isEmpty());
        Deadline.untilStable(RECOVER, Duration.ofSeconds(3), "a healthy cluster at start",
                FaultScenariosSandboxTest::cluster, c -> LiveModel.isHealthy(c, sandbox.members().size()));
    }

    @AfterAll
    static void stopEverything() {
        if (watch != null) {
            watch.close();
        }
        if (live != null) {
            live.close();
        }
        boolean clean = own == null || own.closeCleanly();
        if (walVolume != null) {
            walVolume.close();
        }
        assertThat(clean).as("sandbox stopped cleanly").isTrue();
    }

    @AfterEach
    void watchStillRuns() {
        assertThat(watch.running()).as("watch --json still running; stderr: " + watch.err()).isTrue();
    }

    private static ClusterSnapshot cluster() {
        return live.cluster(sandbox.scope());
    }

    private static ClusterSnapshot awaitHealthy(String what) {
        return live.awaitHealthy(sandbox.scope(), sandbox.members().size(), RECOVER, what);
    }

    private static Deadline.Seen<ClusterSnapshot> awaitStablyHealthy(String what) {
        return Deadline.untilStable(RECOVER, STABLE, what, FaultScenariosSandboxTest::cluster,
                c -> LiveModel.isHealthy(c, sandbox.members().size()));
    }

    private static String aReplica(ClusterSnapshot c) {
        return c.members().stream().filter(m -> !m.role().isLeaderLike()).map(Member::name).sorted().findFirst()
                .orElseThrow();
    }

    private static boolean notLive(ClusterSnapshot c, String member) {
        return c.member(member).map(m -> m.freshness() != Freshness.LIVE).orElse(false);
    }

    private static boolean othersLive(ClusterSnapshot c, String except) {
        return c.members().stream().filter(m -> !m.name().equals(except))
                .allMatch(m -> m.freshness() == Freshness.LIVE);
    }

    /** Patroni's {@code dcs_failsafe_mode.feature} has no frozen replica; this is our "paused VM". */
    @Test
    @Order(1)
    void replicaSigstoppedGoesStaleAndRecoversWhenResumed() {
        ClusterSnapshot before = awaitHealthy("a healthy cluster before SIGSTOP");
        String victim = aReplica(before);
        int mark = watch.mark();
        FaultTimings timing = FaultTimings.of("replica_sigstop");

        try (FaultInjector.Frozen frozen = faults.freeze(FaultTarget.patroniOf(victim), FaultTarget.postgresOf(victim))) {
            timing.injected();
            ClusterSnapshot during = Deadline.until(DETECT, victim + " no longer live", FaultScenariosSandboxTest::cluster,
                    c -> notLive(c, victim));
            Duration detect = timing.detected();
            assertThat(during.member(victim).orElseThrow().freshness()).isIn(Freshness.STALE, Freshness.UNREACHABLE);
            assertThat(during.leader()).isEqualTo(before.leader());
            assertThat(othersLive(during, victim)).as("the other members stay live: " + during.members()).isTrue();
            Deadline.until(DETECT, "MEMBER_STALE " + victim + " from watch --json", () -> watch.linesSince(mark),
                    lines -> lines.stream().anyMatch(WatchJsonRun.event("MEMBER_STALE", victim)));
            // Nothing blocks: snapshots keep coming with fresh reads of the others.
            long version = live.monitor().feed().latest().version();
            Deadline.until(Duration.ofSeconds(10), "further snapshots", () -> live.monitor().feed().latest().version(),
                    v -> v > version + 2);
            assertThat(detect).isLessThan(DETECT);
            int resumed = watch.mark();
            frozen.close();
            timing.repaired();
            Deadline.Seen<ClusterSnapshot> back = awaitStablyHealthy(victim + " live and streaming again");
            timing.recoveredAt(back.nanoTime());
            Deadline.until(DETECT, "MEMBER_FRESH " + victim + " from watch --json", () -> watch.linesSince(resumed),
                    lines -> lines.stream().anyMatch(WatchJsonRun.event("MEMBER_FRESH", victim)));
        }
        timing.record();
    }

    /**
     * A member's advertised Patroni REST address ({@code restapi.connect_address}, what its etcd key carries) points
     * at a listener that accepts and never answers: that member is reported not live with a timeout, the rest of the
     * cluster goes on, and neither the model nor a one-shot {@code snapshot} blocks on it.
     */
    @Test
    @Order(2)
    void patroniRestHangingMarksThatMemberAndBlocksNothing() throws Exception {
        ClusterSnapshot before = awaitHealthy("a healthy cluster before the REST hang");
        String victim = aReplica(before);
        SandboxInfo.Member m = sandbox.requireMember(victim);
        Path config = SandboxProcessRoles.patroniConfig(own.dir(), victim);
        String original = Files.readString(config);
        FaultTimings timing = FaultTimings.of("patroni_rest_hanging");

        try (HangingListener hang = HangingListener.start()) {
            Files.writeString(config, withRestConnectAddress(original, m.restUrl(), hang.address()));
            reload(m.restUrl());
            int mark = watch.mark();
            Deadline.until(DETECT, victim + " advertising " + hang.url(), FaultScenariosSandboxTest::cluster,
                    c -> c.member(victim).map(x -> hang.url().equals(x.apiUrl())).orElse(false));
            timing.injected();
            ClusterSnapshot during = Deadline.until(DETECT, victim + " no longer live", FaultScenariosSandboxTest::cluster,
                    c -> notLive(c, victim));
            Duration detect = timing.detected();
            assertThat(hang.acceptedCount()).as("the model did ask the hanging listener").isPositive();
            assertThat(during.leader()).isEqualTo(before.leader());
            assertThat(othersLive(during, victim)).as("the other members stay live: " + during.members()).isTrue();
            assertThat(during.topologyFreshness()).isEqualTo(Freshness.LIVE);
            String restError = Deadline.until(DETECT, "a REST error naming the listener and the timeout",
                    () -> String.valueOf(cluster().sourceStatus(SourceKind.PATRONI_REST).lastError()),
                    e -> e.contains(hang.address()));
            assertThat(restError).as("REST error").contains("did not answer within");
            System.out.println("[faults] REST error during the hang: " + restError);
            Deadline.until(DETECT, "MEMBER_STALE " + victim + " from watch --json", () -> watch.linesSince(mark),
                    lines -> lines.stream().anyMatch(WatchJsonRun.event("MEMBER_STALE", victim)));
            long version = live.monitor().feed().latest().version();
            Deadline.until(Duration.ofSeconds(10), "further snapshots", () -> live.monitor().feed().latest().version(),
                    v -> v > version + 2);

            // A one-shot snapshot does not hang on it either, and keeps the member in its JSON, even from a workspace
            // whose first Patroni URL is the hanging listener.
            Path hangingFirst = workspaceWithFirstPatroniUrl(hang.url());
            long started = System.nanoTime();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code;
            try {
                code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "snapshot", "--workspace",
                        hangingFirst.toString(), "--json");
            } finally {
                Files.deleteIfExists(hangingFirst);
            }
            long snapshotMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(snapshotMs).as("snapshot --json ran for " + snapshotMs + " ms").isLessThan(30_000);
            JsonNode json = Json.mapper().readTree(out.toString());
            List<String> names = json.path("clusters").get(0).findValues("name").stream().map(JsonNode::asText).toList();
            assertThat(names).as("snapshot --json (exit " + code + ", stderr " + err + ")").contains(victim);
            System.out.println("[faults] snapshot --json during the REST hang: exit " + code + " in " + snapshotMs + " ms");
            assertThat(detect).isLessThan(DETECT);

            int restored = watch.mark();
            Files.writeString(config, original);
            reload(m.restUrl());
            timing.repaired();
            Deadline.until(RECOVER, victim + " advertising its real REST URL again", FaultScenariosSandboxTest::cluster,
                    c -> c.member(victim).map(x -> m.restUrl().equals(x.apiUrl())).orElse(false));
            Deadline.Seen<ClusterSnapshot> back = awaitStablyHealthy(victim + " live again");
            timing.recoveredAt(back.nanoTime());
            Deadline.until(DETECT, "MEMBER_FRESH " + victim + " from watch --json", () -> watch.linesSince(restored),
                    lines -> lines.stream().anyMatch(WatchJsonRun.event("MEMBER_FRESH", victim)));
        } finally {
            if (!Files.readString(config).equals(original)) {
                Files.writeString(config, original);
                reload(m.restUrl());
            }
        }
        timing.record();
    }

    /**
     * A primary's {@code max_connections} exhausted by an ordinary role. The monitor role is not a superuser, so
     * {@code superuser_reserved_connections} does not let it in: it is refused like the application. The app must
     * keep the member as Patroni reports it (running, leader; never "stopped"), mark its SQL data not live with an
     * error naming that node, keep the others live, and recover by itself once slots free up. The superuser still
     * gets in through the reserved slots (used here to drop the monitor's pooled connection, as a network blip or an
     * idle timeout would).
     */
    @Test
    @Order(3)
    void primaryMaxConnectionsExhaustedIsReportedForThatNodeNotAsStopped() throws Exception {
        FaultTimings timing = FaultTimings.of("primary_max_connections");
        ExhaustedPrimary exhausted = exhaustPrimary(timing, e -> true);
        ClusterSnapshot during = exhausted.during();
        String primary = during.leader();
        Member p = during.member(primary).orElseThrow();
        assertThat(p.state()).as("Patroni still reports it running").isIn(MemberState.RUNNING, MemberState.STREAMING);
        assertThat(p.role()).isEqualTo(MemberRole.LEADER);
        assertThat(othersLive(during, primary)).as("the other members stay live: " + during.members()).isTrue();
        assertThat(exhausted.detect()).isLessThan(DETECT.multipliedBy(2));
        assertThat(exhausted.superuserGotIn()).as("superuser_reserved_connections let the superuser in").isTrue();
        timing.record();
    }

    /**
     * Issue 12 finding 5 for this fault: the node's error must carry the server's words ("remaining connection slots
     * are reserved…" / "too many clients"), not the pool's ("Connection is not available, request timed out after
     * 2501ms"), which is what the model says today. Enable when the fix of branch {@code errors} is merged.
     */
    @Test
    @Order(4)
    void primaryMaxConnectionsExhaustedNamesTheServersRefusal() throws Exception {
        ExhaustedPrimary exhausted = exhaustPrimary(FaultTimings.of("primary_max_connections_words"),
                FaultScenariosSandboxTest::refusedForSlots);
        assertThat(exhausted.during().sourceStatus(SourceKind.POSTGRES).lastError()).satisfies(
                e -> assertThat(refusedForSlots(e)).as(e).isTrue());
    }

    /** What {@link #exhaustPrimary} saw. */
    private record ExhaustedPrimary(ClusterSnapshot during, Duration detect, boolean superuserGotIn) {}

    /**
     * Fills the current primary's connection slots as the application role, drops the monitor's pooled connection,
     * waits until the model reports that node not live with an error naming it and matching {@code error}, then frees
     * the slots and waits for recovery (both timed into {@code timing}).
     */
    private ExhaustedPrimary exhaustPrimary(FaultTimings timing, java.util.function.Predicate<String> error)
            throws Exception {
        ClusterSnapshot before = awaitHealthy("a healthy cluster before exhausting connections");
        String primary = before.leader();
        SandboxInfo.Member m = sandbox.requireMember(primary);
        String node = m.pgHost() + ":" + m.pgPort();
        ClusterSnapshot during;
        Duration detect;
        boolean superuserGotIn;
        int mark = watch.mark();
        try (ConnectionHog hog = new ConnectionHog(sandbox, primary, sandbox.appUser(), "app")) {
            int held = hog.fill();
            assertThat(hog.refusal()).as("the server's refusal").isNotNull();
            System.out.println("[faults] " + primary + " refused connection " + (held + 1) + " of " + sandbox.appUser()
                    + ": " + hog.refusal());
            timing.injected();
            try (Connection su = SandboxConnections.connect(sandbox, primary, sandbox.superuser(), "postgres")) {
                superuserGotIn = su.isValid(5);
                during = Deadline.until(DETECT.multipliedBy(2), node + " refused to the monitor in the model", () -> {
                    // Take any slot the monitor's pool gets back before it does.
                    terminateBackendsOf(su, sandbox.monitorUser());
                    try {
                        hog.fill();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    return cluster();
                }, c -> {
                    String e = c.sourceStatus(SourceKind.POSTGRES).lastError();
                    return e != null && e.contains(node) && error.test(e) && notLive(c, primary);
                });
                detect = timing.detected();
                System.out.println("[faults] the model says: " + during.sourceStatus(SourceKind.POSTGRES).lastError()
                        + "; " + primary + " " + during.member(primary).map(x -> x.state() + "/" + x.freshness())
                        .orElse("?"));
                assertThat(during.leader()).isEqualTo(primary);
                // watch --json runs its own pool with the same role: refused the same way, it says so too. The
                // slots stay taken while it is awaited: once this model saw it, a watch connection that slipped in
                // before the hog refilled would otherwise keep reading (the in-process model now sees it sooner).
                Deadline.until(DETECT, "MEMBER_STALE " + primary + " from watch --json", () -> {
                    terminateBackendsOf(su, sandbox.monitorUser());
                    try {
                        hog.fill();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    return watch.linesSince(mark);
                }, lines -> lines.stream().anyMatch(WatchJsonRun.event("MEMBER_STALE", primary)));
            }
            hog.close();
            timing.repaired();
            Deadline.Seen<ClusterSnapshot> back = awaitStablyHealthy(primary + " read over SQL again");
            timing.recoveredAt(back.nanoTime());
        }
        return new ExhaustedPrimary(during, detect, superuserGotIn);
    }

    /** PostgreSQL's words for 53300: "sorry, too many clients already" or "remaining connection slots are reserved". */
    private static boolean refusedForSlots(String error) {
        String e = error.toLowerCase();
        return e.contains("too many") || e.contains("connection slots are reserved");
    }

    private static void terminateBackendsOf(Connection su, String user) {
        try (PreparedStatement st = su.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = ?")) {
            st.setString(1, user);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot terminate the backends of " + user, e);
        }
    }

    /**
     * A replica cut off the network (root only): nftables drops every loopback packet to or from its ports, its open
     * connections and any socket it opens (see {@link NetworkPartition}). The app must show that member not live
     * (timeouts, not refusals) while the leader and the other replica stay live, and see it back once healed. Held
     * for less than the cluster's ttl, so its member key stays in etcd (a longer cut is branch live's LOST member).
     */
    @Test
    @Order(6)
    void replicaPartitionedByTheNetworkIsShownUnreachableAndComesBack() throws Exception {
        String why = NetworkPartition.unavailableBecause();
        Assumptions.assumeTrue(why == null, "network partition skipped: " + why);
        ClusterSnapshot before = awaitHealthy("a healthy cluster before the partition");
        String victim = aReplica(before);
        SandboxInfo.Member m = sandbox.requireMember(victim);
        int restPort = URI.create(m.restUrl()).getPort();
        List<Long> pids = new java.util.ArrayList<>(faults.pids(FaultTarget.patroniOf(victim)));
        pids.addAll(faults.pids(FaultTarget.postgresOf(victim)));
        int mark = watch.mark();
        FaultTimings timing = FaultTimings.of("replica_network_partition");

        try (NetworkPartition cut = NetworkPartition.isolate(victim, pids, List.of(m.pgPort(), restPort))) {
            timing.injected();
            ClusterSnapshot during = Deadline.until(DETECT, victim + " no longer live", FaultScenariosSandboxTest::cluster,
                    c -> notLive(c, victim));
            Duration detect = timing.detected();
            assertThat(during.leader()).isEqualTo(before.leader());
            assertThat(othersLive(during, victim)).as("the other members stay live: " + during.members()).isTrue();
            assertThat(reachable(m.pgHost(), restPort)).as("the partition is real: " + victim + "'s REST port").isFalse();
            Deadline.until(DETECT, "MEMBER_STALE " + victim + " from watch --json", () -> watch.linesSince(mark),
                    lines -> lines.stream().anyMatch(WatchJsonRun.event("MEMBER_STALE", victim)));
            System.out.println("[faults] partitioned " + victim + " (nft table " + cut.table() + "): "
                    + during.member(victim).map(x -> x.state() + "/" + x.freshness()).orElse("gone") + "; REST error: "
                    + during.sourceStatus(SourceKind.PATRONI_REST).lastError() + "; SQL error: "
                    + during.sourceStatus(SourceKind.POSTGRES).lastError());
            assertThat(detect).isLessThan(DETECT);
            int healedMark = watch.mark();
            cut.close();
            timing.repaired();
            Deadline.Seen<ClusterSnapshot> back = awaitStablyHealthy(victim + " back after the partition healed");
            timing.recoveredAt(back.nanoTime());
            Deadline.until(DETECT, "MEMBER_FRESH " + victim + " from watch --json", () -> watch.linesSince(healedMark),
                    lines -> lines.stream().anyMatch(WatchJsonRun.event("MEMBER_FRESH", victim)));
        }
        timing.record();
    }

    /**
     * A replica's disk full (root only): its {@code pg_wal} moved onto a 256 MB tmpfs, which is then filled to the
     * last byte, so the WAL receiver's next segment fails with "No space left on device". The app must show that
     * replica not streaming (the live model, and a replica-not-streaming alert from {@code watch --json}) while the
     * rest stays live, and see it streaming again once the space is freed.
     */
    @Test
    @Order(7)
    void replicaWalDiskFullStopsItsStreamingAndFreeingSpaceBringsItBack() throws Exception {
        String why = TinyWalVolume.unavailableBecause();
        Assumptions.assumeTrue(why == null, "disk-full scenario skipped: " + why);
        ClusterSnapshot before = awaitHealthy("a healthy cluster before the WAL volume");
        String victim = aReplica(before);
        String primary = before.leader();
        walVolume = TinyWalVolume.mount("faults-wal-", 256);
        own.launcher().kill9Member(own.dir(), victim);
        walVolume.adopt(sandbox.requireMember(victim).dataDir(), own.launcher().runAsUser());
        own.launcher().startMember(own.dir(), victim);
        awaitStablyHealthy(victim + " streaming with its WAL on the small volume");
        int mark = watch.mark();
        FaultTimings timing = FaultTimings.of("replica_wal_disk_full");

        try (Connection su = SandboxConnections.connect(sandbox, primary, sandbox.superuser(), "postgres")) {
            long filled = walVolume.fill();
            timing.injected();
            System.out.println("[faults] filled " + victim + "'s WAL volume with " + filled / (1 << 20) + " MB; free now "
                    + walVolume.freeBytes() + " bytes");
            assertThat(walVolume.freeBytes()).isLessThan(1 << 20);
            // New WAL segments reach the replica only as the primary writes: switch segments every 2 s until the
            // replica fails, and no more (each switch is 16 MB the replica must hold once it catches up).
            long[] lastSwitch = {0};
            ClusterSnapshot during = Deadline.until(DETECT.multipliedBy(2), victim + " not streaming", () -> {
                if (System.nanoTime() - lastSwitch[0] > 2_000_000_000L) {
                    switchWal(su);
                    lastSwitch[0] = System.nanoTime();
                }
                return cluster();
            }, c -> c.member(victim).map(x -> !"streaming".equals(x.replicationState()) || !x.state().isHealthy())
                    .orElse(false));
            Duration detect = timing.detected();
            System.out.println("[faults] " + victim + " with a full pg_wal: " + during.member(victim)
                    .map(x -> x.state() + "/" + x.freshness() + " replication " + x.replicationState()).orElse("gone"));
            assertThat(during.leader()).isEqualTo(primary);
            assertThat(othersLive(during, victim)).as("the other members stay live: " + during.members()).isTrue();
            Path log = SandboxProcessRoles.postgresLog(own.dir(), victim);
            Deadline.until(DETECT, "'No space left on device' in " + log, () -> readQuietly(log),
                    text -> text.contains("No space left on device"));
            Deadline.until(Duration.ofSeconds(45), "ALERT_RAISED replica not streaming for " + victim,
                    () -> watch.linesSince(mark), lines -> lines.stream().anyMatch(j -> "ALERT_RAISED".equals(j.path("type").asText())
                    && victim.equals(j.path("member").asText()) && j.path("rule").asText().contains("streaming")));
            assertThat(detect).isLessThan(DETECT.multipliedBy(2));
            int freed = watch.mark();
            walVolume.free();
            timing.repaired();
            Deadline.Seen<ClusterSnapshot> back = awaitStablyHealthy(victim + " streaming again after space was freed");
            timing.recoveredAt(back.nanoTime());
            Deadline.until(Duration.ofSeconds(30), "ALERT_CLEARED for " + victim, () -> watch.linesSince(freed),
                    lines -> lines.stream().anyMatch(j -> "ALERT_CLEARED".equals(j.path("type").asText())
                            && victim.equals(j.path("member").asText())));
        } finally {
            walVolume.free();
        }
        timing.record();
    }

    private static String readQuietly(Path file) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void switchWal(Connection su) {
        try (java.sql.Statement st = su.createStatement()) {
            st.execute("SELECT txid_current()");
            st.execute("SELECT pg_switch_wal()");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot switch WAL on the primary", e);
        }
    }

    private static boolean reachable(String host, int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(host, port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * kill -9 of the leader's postmaster alone (Patroni lives): Patroni restarts it (crash recovery) or, if it cannot
     * in time, a replica takes over. Recovery is counted from the kill, as nobody repairs anything.
     */
    @Test
    @Order(5)
    void leaderPostgresKill9IsSeenAndPatroniBringsTheClusterBack() {
        ClusterSnapshot before = awaitHealthy("a healthy cluster before kill -9");
        String leader = before.leader();
        long postmaster = faults.postmaster(leader);
        int mark = watch.mark();
        FaultTimings timing = FaultTimings.of("leader_postgres_kill9");

        timing.injected().repaired();
        faults.kill9(FaultTarget.postgresOf(leader));
        ClusterSnapshot during = Deadline.until(DETECT, "the leader's PostgreSQL seen down",
                FaultScenariosSandboxTest::cluster, c -> !leader.equals(c.leader())
                        || c.member(leader).map(x -> x.freshness() != Freshness.LIVE || !x.state().isHealthy())
                                .orElse(true));
        Duration detect = timing.detected();
        System.out.println("[faults] after kill -9 of " + leader + "'s postmaster: leader " + during.leader() + ", "
                + during.member(leader).map(x -> x.state() + "/" + x.freshness()).orElse("gone")
                + "; POSTGRES error: " + during.sourceStatus(SourceKind.POSTGRES).lastError());
        Deadline.until(DETECT, "a watch --json line about " + leader, () -> watch.linesSince(mark),
                lines -> lines.stream().anyMatch(j -> leader.equals(j.path("member").asText())
                        || List.of("LEADER_LOST", "LEADER_CHANGED").contains(j.path("type").asText())));
        assertThat(detect).isLessThan(DETECT);

        Deadline.Seen<ClusterSnapshot> back = awaitStablyHealthy("the cluster healthy again after kill -9");
        timing.recoveredAt(back.nanoTime());
        ClusterSnapshot after = back.value();
        long newPostmaster = faults.postmaster(leader);
        assertThat(newPostmaster).as("a new postmaster runs on " + leader).isNotZero().isNotEqualTo(postmaster);
        System.out.println("[faults] recovered: leader " + after.leader() + " timeline " + before.timeline() + " -> "
                + after.timeline() + "; watch printed: " + watch.linesSince(mark).stream()
                .map(j -> j.path("type").asText() + ":" + j.path("member").asText()).collect(Collectors.joining(" ")));
        timing.record();
    }

    /** A copy of the sandbox workspace whose first source lists {@code url} first among its Patroni URLs. */
    private static Path workspaceWithFirstPatroniUrl(String url) throws Exception {
        com.fasterxml.jackson.dataformat.yaml.YAMLMapper yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) yaml.readTree(sandbox.workspaceFile().toFile());
        com.fasterxml.jackson.databind.node.ArrayNode urls =
                (com.fasterxml.jackson.databind.node.ArrayNode) root.path("sources").get(0).path("patroni");
        assertThat(urls.isArray()).as("the sandbox workspace lists Patroni URLs").isTrue();
        urls.insert(0, url);
        Path copy = Files.createTempFile(Path.of("/tmp"), "faults-ws-", ".yaml");
        yaml.writeValue(copy.toFile(), root);
        return copy;
    }

    private static String withRestConnectAddress(String yaml, String restUrl, String address) {
        String real = URI.create(restUrl).getAuthority();
        String changed = yaml.lines().map(line -> line.contains("connect_address") && line.contains(real)
                ? line.replace(real, address) : line).collect(Collectors.joining("\n", "", "\n"));
        assertThat(changed).as("patroni.yml has a restapi.connect_address " + real).isNotEqualTo(yaml);
        return changed;
    }

    private static void reload(String restUrl) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(restUrl + "/reload"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("POST /reload: " + answer.body()).isIn(200, 202);
    }
}
