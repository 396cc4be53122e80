package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.services.sandbox.OwnSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pilothouse sandbox workload 2pc}, {@code sandbox status} and {@code snapshot} against a sandbox of its own
 * with one Patroni member and one shard (the workload leaves prepared transactions behind, which no other test
 * should see).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
class TwoPhaseWorkloadCommandTest {

    private static OwnSandbox own;

    private final CommandRun cli = new CommandRun();

    @BeforeAll
    static void start() {
        own = OwnSandbox.start("pilothouse-cli-2pc-", s -> s.withMembers(1).withScope("cli2pc").withShards(1));
    }

    @AfterAll
    static void stop() {
        if (own != null) {
            assertThat(own.closeCleanly()).as("sandbox stopped cleanly").isTrue();
        }
    }

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    @Order(1)
    void workloadPrintsWhatItCommittedAndHowToResolveEachOrphan() {
        assertThat(run("sandbox", "workload", "2pc", "--dir", own.dir().toString(), "--transactions", "3",
                "--orphans", "2", "--seed", "7")).as(cli.err()).isZero();

        String summary = cli.out();
        assertThat(summary).startsWith("2pc workload: participants cli2pc (leader node1, 127.0.0.1:")
                .contains(", shard1 (127.0.0.1:" + own.info().requireShard("shard1").pgPort() + ")")
                .contains("decision log tx_decisions on cli2pc")
                .contains("committed: 3 transactions (tx_0001 to tx_0003), one ledger row each on every participant")
                .contains("orphans: 2 (prepared branches left behind on purpose)")
                .containsPattern("tx_0004  no decision +branches on cli2pc, shard1  ->  ROLLBACK PREPARED on "
                        + "cli2pc, shard1 \\(the coordinator died before deciding")
                .containsPattern("tx_0005  partly committed +branches on shard1  ->  COMMIT PREPARED on shard1 "
                        + "\\(tx_decisions says commit; already committed on cli2pc\\)")
                .contains("e.g. tx_0004_cli2pc");
        assertThat(cli.err()).contains("Left tx_0005 in doubt");
    }

    @Test
    @Order(2)
    void workloadRunsAgainWithTheNextGlobalIds() {
        assertThat(run("sandbox", "workload", "2pc", "--dir", own.dir().toString(), "--transactions", "1"))
                .as(cli.err()).isZero();

        assertThat(cli.out()).contains("committed: 1 transaction (tx_0006)").contains("orphans: 0");
    }

    @Test
    @Order(3)
    void statusAndSnapshotShowTheShardAsAOneNodeCluster() throws Exception {
        assertThat(run("sandbox", "status", "--dir", own.dir().toString())).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("running").containsPattern("shard1 +postgres 127\\.0\\.0\\.1:\\d+ +running");

        assertThat(run("snapshot", "--workspace", own.info().workspaceFile().toString(), "--json"))
                .as(cli.err()).isZero();
        JsonNode shard = null;
        for (JsonNode cluster : new ObjectMapper().readTree(cli.out()).path("clusters")) {
            if (cluster.path("scope").asText().equals("shard1")) {
                shard = cluster;
            }
        }
        assertThat(shard).as("shard1 in " + cli.out()).isNotNull();
        assertThat(shard.path("members")).hasSize(1);
        assertThat(shard.path("leader").asText()).isEqualTo("127.0.0.1:" + own.info().requireShard("shard1").pgPort());
        assertThat(shard.path("problems")).as("problems of a lone primary").isEmpty();
    }

    @Test
    @Order(4)
    void workloadExplainsAMissingSandbox() {
        assertThat(run("sandbox", "workload", "2pc", "--dir", own.dir().resolve("nothing-here").toString()))
                .isEqualTo(1);
        assertThat(cli.err()).contains("No sandbox in");
    }
}
