package io.pilothouse.services.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.live.LiveExecutors;
import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.patroni.PatroniRestClient;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxRest;
import io.pilothouse.services.testing.Await;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Patroni operations against a real 2-member etcd + Patroni 3.0.2 + PostgreSQL 15 sandbox of their own (they
 * pause, restart, reinitialise and reconfigure it). Tests run in order; each leaves the cluster healthy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
@Tag("patroni-matrix")
class PatroniOperationsSandboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path auditDir;

    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static String sourceName;
    private static LiveModel live;
    private static LiveExecutors executors;
    private static EstateMonitor monitor;
    private static JsonLinesAuditLog audit;
    private static PatroniOperations ops;
    private final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        own = OwnSandbox.start("pilothouse-ops-", s -> s.withMembers(2).withScope("ops"));
        sandbox = own.info();
        sourceName = own.sourceName();
        live = LiveModel.on(own.workspace());
        executors = live.executors();
        monitor = live.monitor();
        audit = new JsonLinesAuditLog(auditDir.resolve("audit.jsonl"));
        ops = operations(false, audit);
    }

    @AfterAll
    static void stop() {
        if (live != null) {
            live.close();
        }
        if (own != null) {
            assertThat(own.closeCleanly()).as("sandbox stopped cleanly").isTrue();
        }
    }

    private static PatroniOperations operations(boolean readOnly, JsonLinesAuditLog log) {
        return new PatroniOperations(OperationGuard.gateOnly(new MutationGate(readOnly, log)),
                new PatroniRestClient(executors.io(), Duration.ofSeconds(3), Duration.ofSeconds(5)), monitor.feed(),
                null, new OperationTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60)));
    }

    private static ClusterSnapshot healthy() {
        return live.awaitHealthy(sandbox.scope(), 2, Duration.ofSeconds(60), "a healthy cluster");
    }

    private static String replica(ClusterSnapshot c) {
        return c.members().stream().filter(m -> !m.role().isLeaderLike()).map(Member::name).findFirst().orElseThrow();
    }

    private static List<JsonNode> auditRecords(Path file) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(JSON.readTree(line));
        }
        return records;
    }

    private static JsonNode lastRecord() throws Exception {
        List<JsonNode> r = auditRecords(audit.file());
        return r.get(r.size() - 1);
    }

    @Test
    @Order(1)
    void readOnlyWorkspaceRefusesEveryOperationAndAuditsEachRefusal() throws Exception {
        ClusterSnapshot c = healthy();
        String replica = replica(c);
        JsonLinesAuditLog readOnlyLog = new JsonLinesAuditLog(auditDir.resolve("read-only.jsonl"));
        PatroniOperations readOnly = operations(true, readOnlyLog);
        assertThat(readOnly.isReadOnly()).isTrue();

        List<Executable> calls = List.of(
                () -> readOnly.restart(c, replica, RestartOptions.NOW, progress::add),
                () -> readOnly.cancelScheduledRestart(c, replica, progress::add),
                () -> readOnly.reload(c, null, progress::add),
                () -> readOnly.reinitialize(c, replica, false, progress::add),
                () -> readOnly.pause(c, progress::add),
                () -> readOnly.resume(c, progress::add),
                () -> readOnly.editConfig(c, ConfigAssignments.parse(List.of("loop_wait=3")), progress::add));
        for (Executable call : calls) {
            assertThatThrownBy(call::execute).isInstanceOf(ReadOnlyWorkspaceException.class);
        }

        List<JsonNode> records = auditRecords(readOnlyLog.file());
        assertThat(records).extracting(r -> r.path("action").asText()).containsExactly("restart", "restart.cancel",
                "reload", "reinitialize", "pause", "resume", "config");
        assertThat(records).allMatch(r -> r.path("outcome").asText().equals("refused"));
        assertThat(readOnlyLog.verify().intact()).isTrue();
        assertThat(progress).as("nothing was started").isEmpty();
        assertThat(SandboxRest.get(sandbox.restUrls().get(0), "/config").orElseThrow().path("loop_wait").asInt())
                .isEqualTo(2);
    }

    @Test
    @Order(2)
    void pauseAndResumeAreSeenInTheLiveModel() throws Exception {
        ClusterSnapshot c = healthy();

        OperationResult paused = ops.pause(c, progress::add);
        assertThat(monitor.feed().latest().cluster(sourceName, sandbox.scope()).orElseThrow().paused()).isTrue();
        assertThat(paused.verified()).contains("paused");
        assertThat(lastRecord().path("outcome").asText()).isEqualTo("ok");
        assertThat(lastRecord().path("responses").get(0).asText()).contains("PATCH").contains("/config -> 200");

        OperationResult resumed = ops.resume(healthy(), progress::add);
        assertThat(monitor.feed().latest().cluster(sourceName, sandbox.scope()).orElseThrow().paused()).isFalse();
        assertThat(resumed.verified()).contains("no longer paused");
        assertThat(resumed.verifyTime()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    @Order(3)
    void invalidTimingsAreRefusedWithoutSendingThePatch() throws Exception {
        ClusterSnapshot c = healthy();

        assertThatThrownBy(() -> ops.editConfig(c, ConfigAssignments.parse(List.of("loop_wait=15")), progress::add))
                .isInstanceOf(MutationRefusedException.class)
                .hasMessageContaining("nothing was sent")
                .hasMessageContaining("loop_wait 15 + 2 x retry_timeout 5 = 25 exceeds ttl 20");

        JsonNode record = lastRecord();
        assertThat(record.path("outcome").asText()).isEqualTo("refused");
        assertThat(record.has("responses")).as("no Patroni command was sent").isFalse();
        assertThat(record.path("checks").toString()).contains("config.valid fail");
        assertThat(SandboxRest.get(sandbox.restUrls().get(0), "/config").orElseThrow().path("loop_wait").asInt())
                .isEqualTo(2);
    }

    @Test
    @Order(4)
    void configEditChangesWorkMemOnTheLeader() throws Exception {
        ClusterSnapshot c = healthy();

        OperationResult r = ops.editConfig(c, ConfigAssignments.parse(List.of("postgresql.parameters.work_mem=16MB")),
                progress::add);

        assertThat(r.verified()).contains("postgresql.parameters.work_mem").contains("16MB");
        assertThat(lastRecord().path("results").path("diff").asText()).contains("-> 16MB");
        assertThat(lastRecord().path("responses").get(0).asText()).contains("-> 200");
        SandboxInfo.Member leader = sandbox.requireMember(c.leader());
        Await.until(Duration.ofSeconds(20), "work_mem 16MB on the leader", () -> showWorkMem(leader.name()),
                "16MB"::equals);
        // The same edit again changes nothing and sends nothing.
        assertThat(ops.editConfig(healthy(), ConfigAssignments.parse(List.of("postgresql.parameters.work_mem=16MB")),
                progress::add).answers()).isEmpty();
    }

    private static String showWorkMem(String member) {
        try (Connection conn = SandboxConnections.connect(sandbox, member, sandbox.superuser(), "postgres");
             ResultSet rs = conn.createStatement().executeQuery("SHOW work_mem")) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    @Order(5)
    void restartOfAReplicaReturnsItRunning() throws Exception {
        ClusterSnapshot c = healthy();
        String replica = replica(c);

        OperationResult r = ops.restart(c, replica, RestartOptions.NOW, progress::add);

        Member after = monitor.feed().latest().cluster(sourceName, sandbox.scope()).orElseThrow().member(replica)
                .orElseThrow();
        assertThat(after.state().isHealthy()).isTrue();
        assertThat(after.pendingRestart()).isFalse();
        assertThat(r.answers()).singleElement().asString().contains("/restart -> 200");
        assertThat(lastRecord().path("results").path("commandMs").asLong()).isPositive();
        // Pending-only on a member without a pending restart: refused before Patroni is asked.
        assertThatThrownBy(() -> ops.restart(healthy(), replica, new RestartOptions(true, null, null), progress::add))
                .isInstanceOf(MutationRefusedException.class).hasMessageContaining("no pending restart");
    }

    @Test
    @Order(6)
    void scheduledRestartIsReportedAndCanBeCancelled() throws Exception {
        ClusterSnapshot c = healthy();
        String replica = replica(c);

        OperationResult scheduled = ops.restart(c, replica,
                new RestartOptions(false, RestartOptions.Role.REPLICA, OffsetDateTime.now().plusHours(1)),
                progress::add);
        assertThat(scheduled.verified()).contains("restart scheduled");
        // A second one: Patroni answers 409, explained.
        assertThatThrownBy(() -> ops.restart(c, replica, new RestartOptions(false, null,
                OffsetDateTime.now().plusHours(2)), progress::add))
                .isInstanceOf(OperationFailedException.class).hasMessageContaining("already scheduled");

        OperationResult cancelled = ops.cancelScheduledRestart(c, replica, progress::add);
        assertThat(cancelled.verified()).contains("no scheduled restart");
        assertThatThrownBy(() -> ops.cancelScheduledRestart(c, replica, progress::add))
                .isInstanceOf(OperationFailedException.class).hasMessageContaining("404");
    }

    @Test
    @Order(7)
    void reinitializeRefusesTheLeaderAndRebuildsAReplicaToStreaming() throws Exception {
        ClusterSnapshot c = healthy();
        String replica = replica(c);

        assertThatThrownBy(() -> ops.reinitialize(c, c.leader(), false, progress::add))
                .isInstanceOf(MutationRefusedException.class).hasMessageContaining("it is the leader");
        assertThat(lastRecord().path("outcome").asText()).isEqualTo("refused");

        OperationResult r = ops.reinitialize(c, replica, false, progress::add);

        assertThat(r.verified()).contains("streaming");
        Member after = monitor.feed().latest().cluster(sourceName, sandbox.scope()).orElseThrow().member(replica)
                .orElseThrow();
        assertThat(after.replicationState()).isEqualTo("streaming");
        assertThat(after.state()).isIn(MemberState.RUNNING, MemberState.STREAMING);
        assertThat(progress).anyMatch(p -> p.contains(replica + ":"));
        assertThat(r.verifyTime()).as(String.join("\n", progress)).isGreaterThan(Duration.ofMillis(500));
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    @Order(8)
    void reloadOfEveryMemberKeepsThemRunning() throws Exception {
        OperationResult r = ops.reload(healthy(), null, progress::add);

        assertThat(r.answers()).hasSize(2).allMatch(a -> a.contains("/reload -> 202"));
        assertThat(r.verified()).contains("running after reload");
    }
}
