package io.pilothouse.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.Main;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SharedSandbox;
import io.pilothouse.services.sandbox.TestPatroni;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code snapshot --json} on the shared sandbox of this pass of the Patroni matrix: every member reports the Patroni
 * the pass asked for, and replicas read the same state through etcd as Patroni's own {@code GET /cluster} gives
 * (Patroni 4 writes {@code running} plus {@code replication_state: streaming} into a replica's member key).
 */
@Tag("servers")
@Tag("patroni-matrix")
class PatroniMatrixCommandSandboxTest {

    @Test
    void snapshotShowsThisPassesPatroniAndReplicaStatesAsPatroniReportsThem() throws Exception {
        SandboxInfo sandbox = SharedSandbox.get();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "snapshot", "--workspace", sandbox.workspaceFile().toString(), "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode cluster = Json.mapper().readTree(out.toString()).path("clusters").get(0);
        assertThat(cluster.path("sources").path("etcd").path("freshness").asText()).isEqualTo("live");
        String expectedReplicaState = TestPatroni.release().major().equals("4") ? "streaming" : "running";
        for (JsonNode m : cluster.path("members")) {
            assertThat(m.path("patroniVersion").asText()).as(m.toString())
                    .startsWith(TestPatroni.release().major() + ".");
            if (!"leader".equals(m.path("role").asText())) {
                assertThat(m.path("state").asText()).as(m.toString()).isEqualTo(expectedReplicaState);
                assertThat(m.has("replayLagBytes")).isTrue();
            }
        }
    }
}
