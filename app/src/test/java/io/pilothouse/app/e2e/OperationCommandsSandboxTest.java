package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxRest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pilothouse pause|resume|config} against a 2-member sandbox of its own (pausing is a change the shared one
 * must never see), with the audit log redirected to a temporary file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
@Tag("patroni-matrix")
class OperationCommandsSandboxTest {

    @TempDir
    static Path auditDir;

    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static Path auditLog;
    private static AuditLogProperty auditProperty;

    private CommandRun cli;

    @BeforeAll
    static void start() throws Exception {
        own = OwnSandbox.start("pilothouse-cli-ops-", s -> s.withMembers(2).withScope("cliops"));
        sandbox = own.info();
        auditLog = auditDir.resolve("audit.jsonl");
        auditProperty = AuditLogProperty.pointAt(auditLog);
    }

    @AfterAll
    static void stop() {
        if (auditProperty != null) {
            auditProperty.close();
        }
        if (own != null) {
            assertThat(own.closeCleanly()).as("sandbox stopped cleanly").isTrue();
        }
    }

    @BeforeEach
    void freshOutput() {
        cli = new CommandRun("--workspace", sandbox.workspaceFile().toString(), "--cluster", sandbox.scope(), "--wait", "30");
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private static List<JsonNode> audit() throws Exception {
        return CommandRun.auditRecords(auditLog);
    }

    private static JsonNode config() {
        return SandboxRest.get(sandbox.restUrls().get(0), "/config").orElseThrow();
    }

    @Test
    @Order(1)
    void helpListsTheOperations() {
        CommandRun bare = new CommandRun();
        assertThat(bare.run("--help")).isZero();
        assertThat(bare.out()).contains("pause").contains("resume").contains("restart").contains("reload")
                .contains("reinit").contains("config");
    }

    @Test
    @Order(2)
    void pauseAndResumeChangeTheClusterAndAreAudited() throws Exception {
        assertThat(run("pause")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("paused (maintenance mode)").contains("PATCH").contains("-> 200");
        // Patroni answers the PATCH once etcd has it; another member's GET /config follows at its next look.
        assertThat(io.pilothouse.services.testing.Await.until(java.time.Duration.ofSeconds(10), "pause in /config",
                () -> config().path("pause").asBoolean(), paused -> paused)).isTrue();

        assertThat(run("resume")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("no longer paused");
        assertThat(io.pilothouse.services.testing.Await.until(java.time.Duration.ofSeconds(10), "no pause in /config",
                () -> config().path("pause").asBoolean(false), paused -> !paused)).isFalse();

        List<JsonNode> records = audit();
        assertThat(records).extracting(r -> r.path("action").asText() + " " + r.path("outcome").asText())
                .containsExactly("pause ok", "resume ok");
        assertThat(records.get(0).path("responses").get(0).asText()).contains("/config -> 200");
    }

    @Test
    @Order(3)
    void configSetDryRunPrintsTheDiffAndChangesNothing() throws Exception {
        int auditedBefore = audit().size();

        assertThat(run("config", "set", "postgresql.parameters.work_mem=16MB", "loop_wait=3", "--dry-run"))
                .as(cli.err()).isZero();

        assertThat(cli.out()).containsPattern("KEY\\s+BEFORE\\s+AFTER")
                .containsPattern("loop_wait\\s+2\\s+3")
                .containsPattern("postgresql\\.parameters\\.work_mem\\s+\\(not set\\)\\s+16MB")
                .contains("Dry run: nothing was sent.");
        assertThat(config().path("loop_wait").asInt()).isEqualTo(2);
        assertThat(audit()).hasSize(auditedBefore);
    }

    @Test
    @Order(4)
    void invalidConfigIsRefusedInOneLineWithoutAsking() {
        assertThat(run("config", "set", "loop_wait=15")).isEqualTo(3);

        assertThat(cli.err().strip()).doesNotContain("\n")
                .contains("loop_wait 15 + 2 x retry_timeout 5 = 25 exceeds ttl 20").contains("nothing was sent");
        assertThat(cli.err()).doesNotContain("Exception");
        assertThat(config().path("loop_wait").asInt()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void unknownClusterIsOneLineWithWhatToDo() {
        CommandRun other = new CommandRun("--workspace", sandbox.workspaceFile().toString(), "--cluster", "nosuch",
                "--timeout", "15");
        // Issue #12.7: every source answered and none has it: bad input, not a failure.
        assertThat(other.run("pause")).isEqualTo(2);
        assertThat(other.err().strip()).startsWith("pilothouse: no cluster 'nosuch' found").doesNotContain("\n");
    }
}
