package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.json.EstateJson;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.model.ConsistencyProblem;
import io.pilothouse.services.model.ProblemKind;
import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxRest;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.testing.Closing;
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
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DCS ↔ node disagreements made real on a sandbox of its own, each seen in the live model and in
 * {@code snapshot --json}, then fixed and seen to clear: a parameter changed by hand with ALTER SYSTEM, a replica
 * promoted by hand in maintenance mode (split brain risk), {@code synchronous_standby_names} changed by hand under
 * synchronous mode, and a member whose Patroni is killed while its PostgreSQL keeps running (first a member key that
 * does not answer, then, once the key expired, a node that answers without a key).
 */
@Tag("servers")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsistencyProblemsSandboxTest {

    private static final Duration SEEN = Duration.ofSeconds(60);
    private static final Duration HEALED = Duration.ofSeconds(150);

    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static LiveModel live;

    @BeforeAll
    static void start() {
        own = OwnSandbox.start("verify-consistency-", s -> s.withScope("cons"));
        sandbox = own.info();
        live = LiveModel.on(own.workspace());
        live.awaitHealthy("cons", 3, HEALED);
    }

    @AfterAll
    static void stop() {
        Closing.inOrder(live, own);
    }

    @Test
    @Order(1)
    void healthyClusterHasNoDisagreement() throws Exception {
        ClusterSnapshot c = Await.until(SEEN, "settings read on every node", () -> live.cluster("cons"),
                x -> x.members().size() == 3);
        assertThat(c.consistency()).isEmpty();
        assertThat(jsonProblems()).isEmpty();
    }

    @Test
    @Order(2)
    void parameterChangedByHandOnAReplicaDiffersUntilReset() throws Exception {
        String replica = replicas().get(0);
        sql(replica, "ALTER SYSTEM SET wal_keep_size = '64MB'", "SELECT pg_reload_conf()");
        try {
            ConsistencyProblem p = awaitProblem(ProblemKind.SETTING_DIFFERS, replica);
            assertThat(p.message()).isEqualTo(replica + ": wal_keep_size is 64MB in effect but the dynamic "
                    + "configuration says 128MB, and no restart is pending (changed by hand: ALTER SYSTEM or "
                    + "postgresql.conf?)");
            assertThat(jsonProblems()).anyMatch(j -> j.path("kind").asText().equals("setting-differs")
                    && j.path("member").asText().equals(replica) && j.path("message").asText().equals(p.message()));
            assertThat(snapshotCommandProblems()).anyMatch(j -> j.path("kind").asText().equals("setting-differs")
                    && j.path("member").asText().equals(replica) && !j.path("critical").asBoolean());
        } finally {
            sql(replica, "ALTER SYSTEM RESET wal_keep_size", "SELECT pg_reload_conf()");
        }
        awaitNo(ProblemKind.SETTING_DIFFERS);
    }

    @Test
    @Order(3)
    void replicaPromotedByHandInMaintenanceModeIsASplitBrainRiskUntilPatroniDemotesIt() throws Exception {
        String leader = live.awaitHealthy("cons", 3, HEALED).leader();
        String rogue = replicas().get(0);
        patchConfig("{\"pause\": true}");
        try {
            Await.until(SEEN, "maintenance mode", () -> live.cluster("cons"), ClusterSnapshot::paused);
            sql(rogue, "SELECT pg_promote(true, 30)");
            ConsistencyProblem p = awaitProblem(ProblemKind.SPLIT_BRAIN_RISK, rogue);
            assertThat(p.message()).isEqualTo(rogue + " is not in recovery (it takes writes) but " + leader
                    + " holds the leader key: split brain risk");
            assertThat(jsonProblems()).anyMatch(j -> j.path("kind").asText().equals("split-brain-risk")
                    && j.path("member").asText().equals(rogue) && j.path("critical").asBoolean());
            assertThat(snapshotCommandProblems()).anyMatch(j -> j.path("kind").asText().equals("split-brain-risk"));
        } finally {
            patchConfig("{\"pause\": false}");
        }
        // Resumed, Patroni demotes the member that runs as a primary without the leader key (rewinding it).
        awaitNo(ProblemKind.SPLIT_BRAIN_RISK);
        live.awaitHealthy("cons", 3, HEALED);
    }

    @Test
    @Order(4)
    void standbyNamesChangedByHandUnderSynchronousModeDisagreeWithTheSyncKey() throws Exception {
        patchConfig("{\"synchronous_mode\": true}");
        try {
            // Patroni names the standby in synchronous_standby_names, then in the sync key: both agree once it is done.
            ClusterSnapshot c = Await.until(HEALED, "a synchronous standby, DCS and nodes agreeing",
                    () -> live.cluster("cons"), x -> x.consistency().isEmpty() && x.members().stream()
                            .anyMatch(m -> m.role() == MemberRole.SYNC_STANDBY && "sync".equals(m.syncState())));
            String leader = c.leader();
            String sync = c.members().stream().filter(m -> m.role() == MemberRole.SYNC_STANDBY).findFirst()
                    .orElseThrow().name();
            assertThat(c.consistency()).isEmpty();
            // Paused, with a long ttl, and the leader's Patroni frozen (its PostgreSQL runs on): nobody puts the
            // sync key or synchronous_standby_names right while the disagreement is looked at.
            patchConfig("{\"pause\": true, \"ttl\": 90}");
            Await.until(SEEN, "maintenance mode", () -> live.cluster("cons"), ClusterSnapshot::paused);
            long leaderPatroni = own.launcher().info(own.dir()).requireMember(leader).patroniPid();
            signal("STOP", leaderPatroni);
            sql(leader, "ALTER SYSTEM SET synchronous_standby_names = 'bogus'", "SELECT pg_reload_conf()");
            try {
                ConsistencyProblem names = awaitProblem(ProblemKind.SYNC_KEY_VS_STANDBY_NAMES, leader);
                assertThat(names.message()).isEqualTo("the sync key names " + sync + " but synchronous_standby_names "
                        + "on " + leader + " is 'bogus' (bogus)");
                ConsistencyProblem state = awaitProblem(ProblemKind.SYNC_KEY_VS_SYNC_STATE, sync);
                assertThat(state.message()).isEqualTo("the sync key names " + sync + " but pg_stat_replication on "
                        + leader + " shows it as async: commits do not wait for it");
                assertThat(jsonProblems()).extracting(j -> j.path("kind").asText())
                        .contains("sync-key-vs-standby-names", "sync-key-vs-sync-state");
            } finally {
                sql(leader, "ALTER SYSTEM RESET synchronous_standby_names", "SELECT pg_reload_conf()");
                signal("CONT", leaderPatroni);
            }
            awaitNo(ProblemKind.SYNC_KEY_VS_STANDBY_NAMES);
            awaitNo(ProblemKind.SYNC_KEY_VS_SYNC_STATE);
        } finally {
            patchConfig("{\"pause\": false, \"synchronous_mode\": false, \"ttl\": 20}");
        }
        Await.until(HEALED, "asynchronous again", () -> live.cluster("cons"), x -> !x.paused()
                && x.members().stream().noneMatch(m -> m.role() == MemberRole.SYNC_STANDBY));
    }

    @Test
    @Order(5)
    void patroniKilledWhilePostgresRunsIsAMemberKeyWithoutAnswerThenANodeWithoutKey() throws Exception {
        live.awaitHealthy("cons", 3, HEALED);
        String victim = replicas().get(0);
        long patroniPid = own.launcher().info(own.dir()).requireMember(victim).patroniPid();
        ProcessHandle patroni = ProcessHandle.of(patroniPid).orElseThrow();
        patroni.destroyForcibly();
        Await.until(Duration.ofSeconds(10), "Patroni of " + victim + " gone", patroni::isAlive, alive -> !alive);
        try {
            ConsistencyProblem silent = awaitProblem(ProblemKind.MEMBER_NOT_ANSWERING, victim);
            assertThat(silent.message()).startsWith(victim + " has a member key but its Patroni REST API at "
                    + sandbox.requireMember(victim).restUrl() + " does not answer");
            assertThat(jsonProblems()).anyMatch(j -> j.path("kind").asText().equals("member-not-answering"));
            // The member key expires with its lease (ttl 20 s); PostgreSQL keeps answering.
            ConsistencyProblem keyless = awaitProblem(ProblemKind.NO_MEMBER_KEY, victim);
            SandboxInfo.Member m = sandbox.requireMember(victim);
            assertThat(keyless.message()).isEqualTo(victim + " has no member key but its PostgreSQL at "
                    + m.pgHost() + ":" + m.pgPort() + " answers: its Patroni is not running or cannot reach the DCS");
            assertThat(jsonProblems()).anyMatch(j -> j.path("kind").asText().equals("no-member-key")
                    && j.path("member").asText().equals(victim));
        } finally {
            own.launcher().startMember(own.dir(), victim);
        }
        awaitNo(ProblemKind.NO_MEMBER_KEY);
        awaitNo(ProblemKind.MEMBER_NOT_ANSWERING);
        assertThat(live.awaitHealthy("cons", 3, HEALED).consistency()).isEmpty();
    }

    private static ConsistencyProblem awaitProblem(ProblemKind kind, String member) {
        return Await.until(SEEN, kind.key() + " on " + member + " in the live model", () -> live.cluster("cons")
                .consistency().stream().filter(p -> p.kind() == kind && member.equals(p.member())).findFirst()
                .orElse(null), p -> p != null);
    }

    private static void awaitNo(ProblemKind kind) {
        Await.until(HEALED, "no " + kind.key() + " any more", () -> live.cluster("cons").consistency(),
                ps -> ps.stream().noneMatch(p -> p.kind() == kind));
    }

    /**
     * The {@code consistency} array of the cluster in the {@code snapshot --json} document of the live model this
     * test follows (a node without a member key is known only to a model that saw it before).
     */
    private static List<JsonNode> jsonProblems() throws Exception {
        return consistencyOf(Json.mapper().readTree(Json.pretty(EstateJson.of(live.monitor().feed().latest()))));
    }

    /** The same array from {@code snapshot --json} run as a user runs it, in a fresh process of its own. */
    private static List<JsonNode> snapshotCommandProblems() throws Exception {
        CommandRun cli = new CommandRun();
        assertThat(cli.run("snapshot", "--workspace", sandbox.workspaceFile().toString(), "--json"))
                .as(cli.err()).isIn(0, 1);
        return consistencyOf(Json.mapper().readTree(cli.out()));
    }

    private static List<JsonNode> consistencyOf(JsonNode document) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : document.path("clusters")) {
            if (c.path("scope").asText().equals("cons")) {
                c.path("consistency").forEach(out::add);
            }
        }
        return out;
    }

    private static List<String> replicas() {
        ClusterSnapshot c = live.cluster("cons");
        return c.members().stream().map(m -> m.name()).filter(n -> !n.equals(c.leader())).sorted().toList();
    }

    private static void sql(String member, String... statements) throws Exception {
        try (Connection c = SandboxConnections.connect(sandbox, member, sandbox.superuser(), "postgres");
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** {@code kill -SIG pid} on a process of this test's own sandbox. */
    private static void signal(String sig, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + sig + " " + pid).isZero();
    }

    private static void patchConfig(String json) throws Exception {
        String leader = SandboxRest.leader(sandbox).orElseGet(() -> sandbox.members().get(0).name());
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.requireMember(leader).restUrl() + "/config"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
