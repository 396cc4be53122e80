package io.pilothouse.services.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pilothouse.services.sandbox.DownReport.Outcome;
import io.pilothouse.services.sandbox.SandboxStatus.State;
import io.pilothouse.services.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One real sandbox (3 members + HAProxy) for the whole class. Read-only checks come first, then
 * the failure helpers, then {@code down}: the order is part of the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
class SandboxLauncherTest {

    private static final int MEMBERS = 3;
    private static final SandboxLauncher LAUNCHER = new SandboxLauncher();

    private static Path dir;
    private static SandboxInfo info;
    private static double upSeconds;

    @BeforeAll
    static void up() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "ph-sandbox-test-");
        long started = System.nanoTime();
        info = LAUNCHER.up(SandboxSpec.defaults(dir).withHaproxy(true), line -> System.out.println("[up] " + line));
        upSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("[up] %d members + HAProxy up in %.1f s%n", MEMBERS, upSeconds);
    }

    @AfterAll
    static void destroy() throws IOException {
        if (dir != null) {
            SandboxLogs.keep(dir, SandboxLauncherTest.class);
            LAUNCHER.destroy(dir);
        }
    }

    @Test
    @Order(1)
    void upElectsOneLeaderAndStreamsToEveryOtherMember() {
        JsonNode cluster = SandboxRest.cluster(info).orElseThrow();

        assertThat(SandboxRest.membersWithRole(cluster, "leader")).hasSize(1);
        assertThat(SandboxRest.membersWithRole(cluster, "replica")).hasSize(MEMBERS - 1);
        String leader = SandboxRest.membersWithRole(cluster, "leader").get(0);
        assertThat(SandboxRest.streamingFromLeader(info))
                .containsExactlyInAnyOrderElementsOf(info.members().stream()
                        .map(SandboxInfo.Member::name).filter(n -> !n.equals(leader)).toList());
        assertThat(upSeconds).as("up time in seconds").isLessThan(45);
    }

    @Test
    @Order(2)
    void postgresAgreesOnPrimaryAndStandbys() throws SQLException {
        String leader = SandboxRest.leader(info).orElseThrow();
        for (SandboxInfo.Member m : info.members()) {
            try (Connection c = SandboxConnections.connect(info, m.name(), info.superuser(), "postgres")) {
                assertThat(queryBoolean(c, "SELECT pg_is_in_recovery()"))
                        .as("%s in recovery", m.name()).isEqualTo(!m.name().equals(leader));
                assertThat(queryString(c, "SHOW data_checksums")).isEqualTo("on");
                assertThat(queryString(c, "SHOW max_prepared_transactions")).isEqualTo("20");
            }
        }
        try (Connection c = SandboxConnections.connect(info, leader, info.superuser(), "postgres")) {
            assertThat(queryString(c, "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"))
                    .isEqualTo(Integer.toString(MEMBERS - 1));
        }
    }

    @Test
    @Order(3)
    void monitorRoleLogsInWithThePgpassPasswordAndHoldsPgMonitor() throws SQLException {
        try (Connection c = SandboxConnections.connect(info, "node1", info.monitorUser(), "postgres")) {
            assertThat(queryBoolean(c, "SELECT pg_has_role('pg_monitor', 'MEMBER')")).isTrue();
            assertThat(queryBoolean(c, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).isFalse();
            assertThat(queryString(c, "SELECT current_user")).isEqualTo("pilothouse_monitor");
        }
    }

    @Test
    @Order(4)
    void appRoleOwnsTheAppDatabaseAndCanWriteThroughHaproxy() throws SQLException {
        SandboxInfo.Haproxy haproxy = info.haproxy();
        try (Connection c = SandboxConnections.connect(info, "127.0.0.1", haproxy.writePort(), info.appUser(), "app");
             Statement s = c.createStatement()) {
            assertThat(queryBoolean(c, "SELECT pg_is_in_recovery()")).isFalse();
            assertThat(queryString(c, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'app'"))
                    .isEqualTo("app");
            s.execute("CREATE TABLE greeting (word text)");
            s.execute("INSERT INTO greeting VALUES ('hello')");
        }
        try (Connection c = SandboxConnections.connect(info, "127.0.0.1", haproxy.readPort(), info.appUser(), "app")) {
            assertThat(queryBoolean(c, "SELECT pg_is_in_recovery()")).isTrue();
        }
    }

    @Test
    @Order(5)
    void haproxyStatsCsvShowsOneWritableServerAndTheReplicas() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(info.haproxy().statsCsvUrl())).build();
        // Polled for a few seconds: a single failed check (Patroni answering 503 once) flips a
        // server for a second, which is HAProxy doing its job, not the sandbox failing. Seen
        // once in about twenty runs right after up; the log tail below says why if it persists.
        Map<String, Integer> expected = Map.of("primary", 1, "replicas", MEMBERS - 1);
        HttpResponse<String> stats;
        try {
            stats = Await.until(Duration.ofSeconds(10), "HAProxy routing to one primary and the replicas", () -> {
                try {
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, r -> HaproxyStats.upServers(r.body()).equals(expected));
        } catch (AssertionError notYet) {
            stats = http.send(request, HttpResponse.BodyHandlers.ofString());
        }

        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(HaproxyStats.upServers(stats.body()))
                .as("stats %s%nhaproxy.log %s", stats.body(), LogTail.lastLines(dir.resolve("logs/haproxy.log"), 30))
                .containsOnly(Map.entry("primary", 1), Map.entry("replicas", MEMBERS - 1));
    }

    @Test
    @Order(6)
    void secretsLiveOnlyInPgpassAndPatroniConfigs() throws IOException {
        List<String> passwords = Files.readAllLines(info.passfile()).stream()
                .map(SandboxConnections::fields).map(f -> f.get(4)).distinct().toList();
        assertThat(passwords).hasSize(4);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(info.passfile()))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(info.passfile())).hasSize(4 * (MEMBERS + 2));

        List<Path> holders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (passwords.stream().anyMatch(content::contains)) {
                    holders.add(dir.relativize(file));
                }
            }
        }
        // patroni.pgpass is Patroni's own (replication/rewind credentials for libpq), 0600 in a 0700 directory.
        assertThat(holders).allSatisfy(p -> assertThat(p.getFileName().toString())
                .isIn("pgpass", "patroni.yml", "patroni.pgpass"));
        for (SandboxInfo.Member m : info.members()) {
            Path config = dir.resolve(m.name()).resolve("patroni.yml");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
            assertThat(Files.getOwner(config).getName()).isEqualTo(LAUNCHER.runAsUser());
        }
        for (long pid : ProcessTable.mentioning(info.dir())) {
            String commandLine = ProcessTable.commandLine(pid).orElse("");
            assertThat(passwords).noneMatch(commandLine::contains);
        }
    }

    @Test
    @Order(7)
    void workspaceFilePointsTheAppAtTheSandbox() throws IOException {
        JsonNode workspace = new YAMLMapper().readTree(info.workspaceFile().toFile());

        assertThat(workspace.path("name").asText()).isEqualTo("sandbox-demo");
        assertThat(workspace.path("readOnly").asBoolean(true)).isFalse();
        JsonNode source = workspace.path("sources").get(0);
        assertThat(source.path("name").asText()).isEqualTo("demo");
        assertThat(source.path("etcd").path("endpoints").get(0).asText()).isEqualTo(info.etcdUrl());
        assertThat(source.path("etcd").path("namespace").asText()).isEqualTo("/service/");
        assertThat(source.path("patroni")).extracting(JsonNode::asText).containsExactlyElementsOf(info.restUrls());
        assertThat(source.path("postgres").path("user").asText()).isEqualTo("pilothouse_monitor");
        assertThat(source.path("postgres").path("database").asText()).isEqualTo("postgres");
        assertThat(source.path("postgres").path("passfile").asText()).isEqualTo(info.passfile().toString());
    }

    @Test
    @Order(8)
    void statusShowsEveryProcessAliveAndSurvivesJson() throws IOException {
        SandboxStatus status = LAUNCHER.status(dir);

        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.processes()).hasSize(2 + 2 * MEMBERS).allMatch(SandboxStatus.ProcessStatus::alive);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readValue(json.writeValueAsString(status), SandboxStatus.class)).isEqualTo(status);
        assertThat(json.readValue(dir.resolve("sandbox.json").toFile(), SandboxInfo.class)).isEqualTo(info);
        assertThat(json.readTree(json.writeValueAsString(info)).path("dir").asText()).isEqualTo(info.dir().toString());
    }

    @Test
    @Order(9)
    void upRefusesToStartASecondSandboxInTheSameDirectory() {
        assertThatThrownBy(() -> LAUNCHER.up(SandboxSpec.defaults(dir), line -> { }))
                .isInstanceOf(SandboxAlreadyRunningException.class)
                .hasMessageContaining("already running in " + info.dir());
    }

    @Test
    @Order(10)
    void stopMemberFreezesItAndContinueMemberThawsIt() {
        String replica = replicaName();
        SandboxInfo.Member m = info.requireMember(replica);
        long postmaster = ProcessTable.postmasterPid(m.dataDir());

        LAUNCHER.stopMember(dir, replica);
        try {
            assertThat(processState(m.patroniPid())).isEqualTo('T');
            assertThat(processState(postmaster)).isEqualTo('T');
        } finally {
            LAUNCHER.continueMember(dir, replica);
        }
        assertThat(processState(m.patroniPid())).isNotEqualTo('T');
        assertThat(processState(postmaster)).isNotEqualTo('T');
    }

    @Test
    @Order(11)
    void etcdRestartsOnTheSamePortWithTheSameData() {
        LAUNCHER.stopEtcd(dir);
        assertThat(LAUNCHER.status(dir).isAlive("etcd", ProcessKind.ETCD)).isFalse();

        LAUNCHER.startEtcd(dir);

        assertThat(LAUNCHER.status(dir).state()).isEqualTo(State.RUNNING);
        assertThat(LAUNCHER.info(dir).etcdUrl()).isEqualTo(info.etcdUrl());
        // Same data: the cluster's keys are still there, so Patroni carries on with its leader.
        SandboxRest.awaitCluster(info, c -> SandboxRest.leaderOf(c).isPresent(), Duration.ofSeconds(30));
    }

    @Test
    @Order(12)
    void killedLeaderIsReplacedAndRejoinsAsReplicaWhenRestarted() {
        String oldLeader = SandboxRest.leader(info).orElseThrow();

        LAUNCHER.kill9Member(dir, oldLeader);

        assertThat(LAUNCHER.status(dir).isAlive(oldLeader, ProcessKind.PATRONI)).isFalse();
        assertThat(LAUNCHER.status(dir).isAlive(oldLeader, ProcessKind.POSTGRES)).isFalse();
        // The leader key outlives its owner until the ttl (20 s) runs out.
        JsonNode cluster = SandboxRest.awaitCluster(info,
                c -> SandboxRest.leaderOf(c).filter(l -> !l.equals(oldLeader)).isPresent(), Duration.ofSeconds(45));
        String newLeader = SandboxRest.leaderOf(cluster).orElseThrow();

        LAUNCHER.startMember(dir, oldLeader);

        SandboxRest.awaitCluster(info, c -> SandboxRest.healthy(info, MEMBERS - 1)
                && SandboxRest.membersWithRole(c, "replica").contains(oldLeader), Duration.ofSeconds(45));
        assertThat(SandboxRest.leader(info)).contains(newLeader);
        assertThat(LAUNCHER.status(dir).state()).isEqualTo(State.RUNNING);
    }

    @Test
    @Order(13)
    void downStopsEveryProcessItStartedAndIsIdempotent() {
        SandboxInfo current = LAUNCHER.info(dir);
        List<Long> pids = new ArrayList<>();
        pids.add(current.etcdPid());
        pids.add(current.haproxy().pid());
        current.members().forEach(m -> {
            pids.add(m.patroniPid());
            pids.add(ProcessTable.postmasterPid(m.dataDir()));
            pids.addAll(ProcessTable.descendants(ProcessTable.postmasterPid(m.dataDir())));
        });

        DownReport report = LAUNCHER.down(dir);

        assertThat(report.clean()).as("survivors %s", report.survivors()).isTrue();
        assertThat(pids).noneMatch(ProcessTable::isRunning);
        assertThat(ProcessTable.mentioning(info.dir())).isEmpty();
        assertThat(LAUNCHER.status(dir).state()).isEqualTo(State.STOPPED);
        assertThat(Files.exists(info.passfile())).as("down keeps the files").isTrue();

        DownReport again = LAUNCHER.down(dir);
        assertThat(again.clean()).isTrue();
        assertThat(again.processes()).allMatch(p -> p.outcome() == Outcome.NOT_RUNNING);
    }

    private static String replicaName() {
        return SandboxRest.membersWithRole(SandboxRest.cluster(info).orElseThrow(), "replica").get(0);
    }

    private static char processState(long pid) {
        return ProcessTable.state(pid);
    }

    private static boolean queryBoolean(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getBoolean(1);
        }
    }

    private static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
