package io.pilothouse.services.metrics;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxLauncher;
import io.pilothouse.services.sandbox.SandboxRest;
import io.pilothouse.services.sandbox.SandboxSpec;
import io.pilothouse.services.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real lag on a real cluster of its own (it pauses replay, so it must not share the JVM-wide sandbox): the
 * sampler runs on its scheduler exactly as in the app, and the assertions read what {@link LagHistory} recorded.
 */
@Tag("servers")
class LagSamplerSandboxTest {

    private static final SandboxLauncher LAUNCHER = new SandboxLauncher();
    private static Path dir;
    private static SandboxInfo sandbox;
    private static ClusterSnapshot cluster;
    private static String replica;

    private LagHistory history;
    private ScheduledExecutorService executor;
    private LagSampler sampler;
    private String id;

    @BeforeAll
    static void startOwnSandbox() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "ph-lag-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        sandbox = LAUNCHER.up(SandboxSpec.defaults(dir).withScope("lagtest"), line -> { });
        SandboxRest.awaitCluster(sandbox, c -> SandboxRest.healthy(sandbox, sandbox.members().size() - 1),
                Duration.ofSeconds(90));
        String leader = SandboxRest.leader(sandbox).orElseThrow();
        List<Member> members = sandbox.members().stream()
                .map(m -> Member.builder(m.name())
                        .role(m.name().equals(leader) ? MemberRole.LEADER : MemberRole.REPLICA)
                        .host(m.pgHost()).port(m.pgPort()).build())
                .toList();
        cluster = ClusterSnapshot.builder("sandbox", "lagtest").leader(leader).timeline(1).ttlSeconds(30L)
                .maximumLagOnFailover(1_048_576L).members(members).observedAt(java.time.Instant.now()).build();
        replica = members.stream().filter(m -> !m.name().equals(leader)).findFirst().orElseThrow().name();
        try (Connection c = superuser(leader); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS lag_scratch (id bigserial PRIMARY KEY, pad text)");
        }
    }

    @AfterAll
    static void destroySandbox() throws Exception {
        if (dir != null && Files.exists(dir.resolve("sandbox.json"))) {
            LAUNCHER.destroy(dir);
        }
    }

    @BeforeEach
    void startSampler() {
        history = new LagHistory(3_600);
        executor = Executors.newScheduledThreadPool(2);
        sampler = new LagSampler(() -> List.of(cluster),
                (host, port) -> SandboxConnections.connect(sandbox, host, port, sandbox.monitorUser(), "postgres"),
                history, executor, Duration.ofMillis(250), System::currentTimeMillis);
        id = LagHistory.clusterId(cluster);
        sampler.start();
    }

    @AfterEach
    void stopSampler() throws Exception {
        sampler.close();
        executor.shutdownNow();
        try (Connection c = superuser(replica); Statement s = c.createStatement()) {
            s.execute("SELECT pg_wal_replay_resume()");
        }
        maintenance(false);
    }

    /** Switches Patroni's maintenance mode through {@code PATCH /config} and waits for the replica to see it. */
    private static void maintenance(boolean on) throws Exception {
        String url = sandbox.requireMember(replica).restUrl();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/config"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"pause\": " + on + "}"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        awaitTrue(() -> SandboxRest.get(url, "/patroni").map(j -> j.path("pause").asBoolean(false) == on)
                .orElse(false), Duration.ofSeconds(30));
    }

    @Test
    void pausedReplayGrowsReplayLagInBytesAndSecondsWhileReceiveStaysSmallThenFallsOnResume() throws Exception {
        awaitTrue(() -> history.replayState(id, replica) == ReplayState.IDLE, Duration.ofSeconds(20));
        // Patroni 3 resumes a paused replay on PostgreSQL 14+ in every HA loop unless the cluster is in
        // maintenance mode, so pause the cluster first and wait until the replica's Patroni has seen it.
        maintenance(true);
        try (Connection c = superuser(replica); Statement s = c.createStatement()) {
            s.execute("SELECT pg_wal_replay_pause()");
        }
        long pausedAt = System.currentTimeMillis();

        writeLoad(Duration.ofSeconds(8));
        long loadEnded = System.currentTimeMillis();
        // Wait for a sample taken after the last write, so the figures below include it.
        awaitTrue(() -> history.latestTime(id).orElse(0) > loadEnded, Duration.ofSeconds(10));

        long now = System.currentTimeMillis();
        double[] replayBytes = values(LagMetric.REPLAY_BYTES, pausedAt, now);
        double[] writeBytes = values(LagMetric.WRITE_BYTES, pausedAt, now);
        double[] delay = values(LagMetric.REPLICA_REPLAY_DELAY_SECONDS, pausedAt, now);
        double finalReplay = replayBytes[replayBytes.length - 1];
        assertThat(finalReplay).as("replay lag bytes after 8 s of paused replay").isGreaterThan(1_000_000);
        assertThat(finalReplay).as("it grew").isGreaterThan(replayBytes[0] + 500_000);
        assertThat(delay[delay.length - 1]).as("replay delay seconds").isGreaterThan(5);
        assertThat(delay[delay.length - 1]).as("grew while paused").isGreaterThan(delay[delay.length / 4]);
        assertThat(history.replayState(id, replica)).isEqualTo(ReplayState.BEHIND);
        // Receive side: the replica still writes and flushes what it receives; only replay stopped.
        assertThat(writeBytes[writeBytes.length - 1]).as("write lag bytes at the end").isLessThan(finalReplay / 10);
        assertThat(values(LagMetric.FLUSH_BYTES, now - 500, now + 1)[0]).isLessThan(finalReplay / 10);

        try (Connection c = superuser(replica); Statement s = c.createStatement()) {
            s.execute("SELECT pg_wal_replay_resume()");
        }
        awaitTrue(() -> last(LagMetric.REPLAY_BYTES) < 65_536
                && history.replayState(id, replica) == ReplayState.IDLE
                && last(LagMetric.REPLICA_REPLAY_DELAY_SECONDS) == 0, Duration.ofSeconds(30));
    }

    @Test
    void idlePrimaryReportsReplayDelayZeroAndIdleNotAGrowingNumber() throws Exception {
        try (Connection c = superuser(cluster.leader()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO lag_scratch (pad) VALUES ('one last write')");
        }
        long quietFrom = System.currentTimeMillis();
        // The naive figure grows with idleness: that is what the rule must not report. Wait until it says > 4 s.
        awaitTrue(() -> naiveReplayDelay() > 4, Duration.ofSeconds(20));
        long now = System.currentTimeMillis();
        double[] delay = values(LagMetric.REPLICA_REPLAY_DELAY_SECONDS, quietFrom + 2_000, now);
        assertThat(delay).isNotEmpty();
        assertThat(Arrays.stream(delay).max().orElseThrow()).as("replay delay while the primary is idle")
                .isLessThan(1.0);
        assertThat(last(LagMetric.REPLICA_REPLAY_DELAY_SECONDS)).isZero();
        for (Member m : cluster.members()) {
            if (!m.name().equals(cluster.leader())) {
                assertThat(history.replayState(id, m.name())).as(m.name()).isEqualTo(ReplayState.IDLE);
            }
        }
    }

    /** {@code now() - pg_last_xact_replay_timestamp()} on the replica: the figure that grows when nothing happens. */
    private static double naiveReplayDelay() {
        try (Connection c = superuser(replica); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(
                     "SELECT extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8")) {
            r.next();
            return r.getDouble(1);
        } catch (Exception e) {
            throw new AssertionError("cannot read the replica's replay delay", e);
        }
    }

    private static void writeLoad(Duration length) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        try (Connection c = superuser(cluster.leader()); Statement s = c.createStatement()) {
            while (System.nanoTime() < end) {
                s.execute("INSERT INTO lag_scratch (pad) SELECT repeat(md5(g::text), 8) FROM generate_series(1, 2000) g");
                Thread.sleep(50);
            }
        }
    }

    private double[] values(LagMetric metric, long from, long to) {
        long[] t = new long[4_000];
        double[] v = new double[4_000];
        int n = history.copy(id, replica, metric, from, to, t, v);
        return Arrays.stream(Arrays.copyOf(v, n)).filter(d -> !Double.isNaN(d)).toArray();
    }

    private double last(LagMetric metric) {
        RingSeries s = history.series(id, replica, metric);
        return s == null ? Double.NaN : s.lastValue();
    }

    private static Connection superuser(String member) throws Exception {
        return SandboxConnections.connect(sandbox, member, sandbox.superuser(), "postgres");
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout) {
        Await.until(timeout, "the condition", condition::getAsBoolean, met -> met);
    }
}
