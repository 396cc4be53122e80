package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxRest;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.testing.Closing;
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

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pilothouse switchover} and {@code failover} on a real two-member sandbox, through picocli as a user runs
 * them: the dry-run matrix as JSON, a refused candidate, a confirmed switchover with its saved report and audit
 * record, a scheduled one and its cancellation, and an unconfirmed failover that changes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
@Tag("patroni-matrix")
class LeaderChangeCommandsSandboxTest {

    @TempDir
    static Path work;

    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static Path auditLog;
    private static AuditLogProperty auditProperty;

    private CommandRun cli;

    @BeforeAll
    static void start() throws Exception {
        own = OwnSandbox.start("pilothouse-cli-sw-", s -> s.withMembers(2).withScope("clisw"));
        sandbox = own.info();
        auditLog = work.resolve("audit.jsonl");
        auditProperty = AuditLogProperty.pointAt(auditLog);
    }

    @AfterAll
    static void stop() {
        Closing.inOrder(auditProperty, own);
    }

    @BeforeEach
    void freshOutput() {
        cli = new CommandRun("--workspace", sandbox.workspaceFile().toString(), "--cluster", sandbox.scope());
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private static String leader() {
        return Await.until(Duration.ofSeconds(60), "a leader with a streaming replica", () -> SandboxRest.leader(sandbox)
                .filter(l -> SandboxRest.streamingFromLeader(sandbox).size() == 1).orElse(null), l -> l != null);
    }

    private static String replica() {
        String leader = leader();
        return sandbox.members().stream().map(SandboxInfo.Member::name).filter(n -> !n.equals(leader)).findFirst()
                .orElseThrow();
    }

    private static List<JsonNode> audit() throws Exception {
        return CommandRun.auditRecords(auditLog);
    }

    @Test
    @Order(1)
    void dryRunPrintsTheMatrixAsJsonAndChangesNothing() throws Exception {
        String leader = leader();
        assertThat(run("switchover", "--dry-run", "--json")).as(cli.err()).isZero();
        JsonNode matrix = Json.mapper().readTree(cli.out());
        assertThat(matrix.path("leader").asText()).isEqualTo(leader);
        JsonNode row = matrix.path("candidates").get(0);
        assertThat(row.path("candidate").asText()).isEqualTo(replica());
        assertThat(row.path("eligible").asBoolean()).isTrue();
        assertThat(row.path("checks").findValuesAsText("id")).contains("candidate.lag_bytes", "cluster.etcd",
                "primary.prepared_xacts");
        assertThat(SandboxRest.leader(sandbox)).contains(leader);
        assertThat(Files.exists(auditLog)).as("a dry run is not a mutation").isFalse();
    }

    @Test
    @Order(2)
    void theLeaderIsNotACandidate() {
        assertThat(run("switchover", "--to", leader(), "--yes")).isEqualTo(3);
        assertThat(cli.err()).contains("is not a replica of clisw; candidates: [" + replica() + "]");
    }

    @Test
    @Order(3)
    void confirmedSwitchoverPrintsAndSavesTheReportAndIsAudited() throws Exception {
        String candidate = replica();
        Path report = work.resolve("report.md");
        assertThat(run("switchover", "--to", candidate, "--yes", "--report", report.toString()))
                .as(cli.out() + "\n" + cli.err()).isZero();
        assertThat(cli.out()).contains("## Pre-checks").contains("holds the leader key")
                .contains("# Switchover of clisw to " + candidate + ": completed").contains("## Verification");
        assertThat(Files.readString(report)).contains("write unavailability:");
        assertThat(SandboxRest.leader(sandbox)).contains(candidate);
        assertThat(audit()).extracting(r -> r.path("action").asText() + " " + r.path("outcome").asText())
                .containsExactly("switchover ok");
    }

    @Test
    @Order(4)
    void scheduledSwitchoverIsAcceptedAndCanBeCancelled() throws Exception {
        String at = Instant.now().plus(Duration.ofHours(2)).toString();
        assertThat(run("switchover", "--to", replica(), "--at", at, "--yes")).as(cli.out() + "\n" + cli.err()).isZero();
        assertThat(cli.out()).contains(": scheduled");
        assertThat(SandboxRest.cluster(sandbox).orElseThrow().path("scheduled_switchover").isMissingNode()).isFalse();

        assertThat(run("switchover", "--cancel")).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("cancelled the switchover to " + replica());
        assertThat(SandboxRest.cluster(sandbox).orElseThrow().path("scheduled_switchover").isMissingNode()).isTrue();
    }

    @Test
    @Order(5)
    void unconfirmedFailoverChangesNothing() throws Exception {
        String leader = leader();
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("not-the-name\n".getBytes()));
            assertThat(run("failover", "--to", replica())).isEqualTo(3);
        } finally {
            System.setIn(stdin);
        }
        assertThat(cli.out()).contains("Data at risk:").contains("Fail over clisw to " + replica() + "?");
        assertThat(cli.err()).contains("not confirmed; nothing was done");
        assertThat(SandboxRest.leader(sandbox)).contains(leader);
    }
}
