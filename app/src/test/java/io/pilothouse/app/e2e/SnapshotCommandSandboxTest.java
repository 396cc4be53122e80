package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.Main;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SharedSandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line against the real shared sandbox (read-only use). */
@Tag("servers")
class SnapshotCommandSandboxTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void snapshotJsonCarriesTheDocumentedFieldsForEveryMember() throws Exception {
        SandboxInfo sandbox = SharedSandbox.get();

        assertThat(run("snapshot", "--workspace", sandbox.workspaceFile().toString(), "--json")).as(err.toString())
                .isZero();

        JsonNode root = Json.mapper().readTree(out.toString());
        JsonNode cluster = root.path("clusters").get(0);
        assertThat(cluster.path("scope").asText()).isEqualTo(sandbox.scope());
        assertThat(cluster.path("leader").asText()).isNotBlank();
        assertThat(cluster.path("timeline").asInt()).isPositive();
        assertThat(cluster.path("paused").isBoolean()).isTrue();
        List<String> names = new ArrayList<>();
        for (JsonNode m : cluster.path("members")) {
            names.add(m.path("name").asText());
            for (String field : List.of("name", "role", "state", "host", "port", "timeline", "upstream", "lagBytes",
                    "lagSeconds", "tags")) {
                assertThat(m.has(field)).as(field + " in " + m).isTrue();
            }
            assertThat(m.path("freshness").asText()).isEqualTo("live");
            if (!"leader".equals(m.path("role").asText())) {
                assertThat(m.path("upstream").asText()).isEqualTo(cluster.path("leader").asText());
                assertThat(m.path("lagBytes").isNumber()).as("SQL lag of " + m).isTrue();
            }
        }
        JsonNode leaderSlots = null;
        for (JsonNode n : cluster.path("slots")) {
            if (n.path("node").asText().equals(cluster.path("leader").asText())) {
                leaderSlots = n;
            }
        }
        assertThat(leaderSlots).as("slots of the leader in " + cluster.path("slots")).isNotNull();
        assertThat(leaderSlots.path("slots")).hasSize(sandbox.members().size() - 1);
        assertThat(names).containsExactlyInAnyOrderElementsOf(
                sandbox.members().stream().map(SandboxInfo.Member::name).toList());
    }

    @Test
    void snapshotFromEtcdAloneDiscoversTheClusterWithoutSql() throws Exception {
        SandboxInfo sandbox = SharedSandbox.get();

        assertThat(run("snapshot", "--etcd", sandbox.etcdUrl(), "--namespace", sandbox.namespace())).as(err.toString())
                .isZero();

        assertThat(out.toString()).contains("+ Cluster: " + sandbox.scope()).contains("leader");
    }

    @Test
    void screenshotWritesAPngWithoutADisplay(@TempDir Path dir) throws Exception {
        SandboxInfo sandbox = SharedSandbox.get();
        Path png = dir.resolve("topology.png");

        assertThat(run("screenshot", "--view", "topology", "--workspace", sandbox.workspaceFile().toString(),
                "--out", png.toString(), "--size", "1200x800")).as(err.toString()).isZero();

        byte[] head = Files.readAllBytes(png);
        assertThat(head.length).isGreaterThan(10_000);
        assertThat(new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
