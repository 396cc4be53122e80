package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult;
import io.pilothouse.services.sandbox.workload.TwoPhaseWorkload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pilothouse indoubt list|resolve} on real orphans: a two-phase-commit coordinator (the sandbox workload) runs
 * across the HA cluster's leader and two standalone shards and leaves two global transactions in doubt, one never
 * decided and one decided and committed on the leader only. The list groups the branches by global transaction and
 * advises from the decision table; resolving as advised leaves the data exactly as two-phase commit would have.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
class IndoubtCommandsSandboxTest {

    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static TwoPhaseResult workload;
    private static Path workspace;
    private static Path readOnlyWorkspace;
    private static AuditLogProperty audit;

    private final CommandRun cli = new CommandRun();

    @BeforeAll
    static void start() throws Exception {
        own = OwnSandbox.start("pilothouse-indoubt-", s -> s.withMembers(2).withScope("idt").withShards(2));
        sandbox = own.info();
        audit = AuditLogProperty.pointAt(own.dir().resolve("audit.jsonl"));
        workload = new TwoPhaseWorkload(sandbox).run(new TwoPhaseWorkload.Options(3, 2, 7, false), line -> { });
        // The sandbox names the 2PC workload's decision log itself (indoubt.decision); minAgeSeconds 0 is added: the
        // orphans are seconds old, and the coordinator is known to be gone.
        String written = Files.readString(sandbox.workspaceFile());
        if (!written.contains("indoubt:\n  decision:\n    source: idt\n")) {
            throw new IllegalStateException("the sandbox's workspace names no decision log:\n" + written);
        }
        String yaml = written.replace("indoubt:\n", "indoubt:\n  minAgeSeconds: 0\n");
        workspace = own.dir().resolve("indoubt-workspace.yaml");
        Files.writeString(workspace, yaml);
        readOnlyWorkspace = own.dir().resolve("indoubt-readonly.yaml");
        Files.writeString(readOnlyWorkspace, yaml.replace("readOnly: false", "readOnly: true"));
    }

    @AfterAll
    static void stop() {
        io.pilothouse.services.testing.Closing.inOrder(audit, own);
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private static JsonNode tx(JsonNode list, String globalId) {
        for (JsonNode t : list.path("transactions")) {
            if (t.path("globalId").asText().equals(globalId)) {
                return t;
            }
        }
        throw new AssertionError("no global transaction " + globalId + " in " + list);
    }

    @Test
    @Order(1)
    void listGroupsTheOrphansAndAdvisesFromTheDecisionTable() throws Exception {
        assertThat(run("indoubt", "list", "--json", "--workspace", workspace.toString())).as(cli.err())
                .isEqualTo(4);
        JsonNode list = Json.mapper().readTree(cli.out());
        assertThat(list.path("transactions")).hasSize(2);

        JsonNode undecided = tx(list, "tx_0004");
        assertThat(undecided.path("advice").asText()).isEqualTo("ROLLBACK");
        assertThat(undecided.path("branches").findValuesAsText("gid"))
                .containsExactlyInAnyOrder("tx_0004_idt", "tx_0004_shard1", "tx_0004_shard2");
        assertThat(undecided.path("missing")).isEmpty();

        JsonNode decided = tx(list, "tx_0005");
        assertThat(decided.path("advice").asText()).isEqualTo("COMMIT");
        assertThat(decided.path("branches").findValuesAsText("gid"))
                .containsExactlyInAnyOrder("tx_0005_shard1", "tx_0005_shard2");
        assertThat(decided.path("missing").get(0).asText()).isEqualTo("idt");
        assertThat(decided.path("evidence").toString()).contains("committed");

        assertThat(run("indoubt", "list", "--workspace", workspace.toString())).isEqualTo(4);
        assertThat(cli.out()).contains("tx_0004").contains("advice: ROLLBACK").contains("advice: COMMIT")
                .contains("no branch on: idt");
    }

    @Test
    @Order(2)
    void aReadOnlyWorkspaceRefusesAndNothingChanges() throws Exception {
        assertThat(run("indoubt", "resolve", "--gid", "tx_0005_shard1", "--node", "shard1", "--commit", "--yes",
                "--workspace", readOnlyWorkspace.toString())).isEqualTo(3);
        assertThat(cli.err()).contains("read-only");
        assertThat(participants().prepared("shard1")).contains("tx_0005_shard1");
    }

    @Test
    @Order(3)
    void resolvingAsAdvisedLeavesTheDataAsTwoPhaseCommitWouldHave() throws Exception {
        for (String shard : List.of("shard1", "shard2")) {
            assertThat(run("indoubt", "resolve", "--gid", "tx_0005_" + shard, "--node", shard, "--commit", "--yes",
                    "--workspace", workspace.toString())).as(cli.err()).isZero();
            assertThat(cli.out()).startsWith("committed branch 'tx_0005_" + shard + "' on " + shard);
        }
        for (String node : List.of("idt", "shard1", "shard2")) {
            assertThat(run("indoubt", "resolve", "--gid", "tx_0004_" + node, "--node", node, "--rollback", "--yes",
                    "--workspace", workspace.toString())).as(cli.err()).isZero();
        }
        for (String node : List.of("idt", "shard1", "shard2")) {
            assertThat(participants().prepared(node)).as(node).isEmpty();
            assertThat(participants().ledgerRows(node, "tx_0005")).as("tx_0005 committed everywhere, once, on " + node).isEqualTo(1);
            assertThat(participants().ledgerRows(node, "tx_0004")).as("tx_0004 rolled back everywhere, on " + node).isZero();
        }
        assertThat(run("indoubt", "list", "--workspace", workspace.toString())).isZero();
        assertThat(Files.readString(own.dir().resolve("audit.jsonl")))
                .contains("\"action\":\"commit-prepared\"").contains("\"action\":\"rollback-prepared\"")
                .contains("\"gid\":\"tx_0005_shard1\"");
    }

    @Test
    @Order(4)
    void anUnknownGidIsOneLineWithWhatToDo() {
        assertThat(run("indoubt", "resolve", "--gid", "nope'; DROP TABLE ledger; --", "--node", "shard1",
                "--rollback", "--yes", "--workspace", workspace.toString())).isEqualTo(3);
        assertThat(cli.err()).contains("no prepared transaction 'nope'; DROP TABLE ledger; --' on shard1")
                .contains("pilothouse indoubt list");
    }

    private static Participants participants() {
        return new Participants(sandbox);
    }
}
