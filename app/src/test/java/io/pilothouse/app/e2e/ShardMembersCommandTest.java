package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.app.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sandbox up --shards 2 --shard-members 2} on the command line, for real: each shard a Patroni cluster that the
 * workspace's one etcd source discovers, the demo schema built over them, status and down covering their members.
 */
@Tag("servers")
class ShardMembersCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void shardClustersComeUpCarryTheSchemaShowInStatusAndGoDown() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pilothouse-shardmemberscli-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            long t0 = System.nanoTime();
            assertThat(run("sandbox", "up", "--dir", dir.toString(), "--scope", "coordcli", "--members", "1",
                    "--shards", "2", "--shard-members", "2", "--rows", "5000")).as(err.toString()).isZero();
            System.out.printf("timing: sandbox up --shards 2 --shard-members 2 --rows 5000 in %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);
            assertThat(out.toString()).contains("shard1-node1", "shard1-node2", "shard2-node2")
                    .contains("Patroni shard cluster")
                    .contains("demo.orders_p2  remainder 2  foreign -> shard1");

            assertThat(run("snapshot", "--workspace", dir.resolve("workspace.yaml").toString(), "--json"))
                    .as(err.toString()).isZero();
            List<String> scopes = new ArrayList<>();
            new ObjectMapper().readTree(out.toString()).path("clusters")
                    .forEach(c -> scopes.add(c.path("scope").asText() + "/" + c.path("members").size()));
            assertThat(scopes).containsExactlyInAnyOrder("coordcli/1", "shard1/2", "shard2/2");

            assertThat(run("sandbox", "status", "--dir", dir.toString())).isZero();
            assertThat(out.toString()).startsWith("running")
                    .containsPattern("shard2 +shard2-node2 +postgres 127\\.0\\.0\\.1:\\d+ +patroni http\\S+ +running");
        } finally {
            assertThat(run("sandbox", "down", "--dir", dir.toString(), "--destroy")).as(out + " " + err).isZero();
            assertThat(out.toString()).contains("nothing left running");
        }
    }

    @Test
    void refusesMoreShardMembersThanTheSandboxAllows() {
        assertThat(run("sandbox", "up", "--dir", "/tmp/pilothouse-never-started", "--shards", "1",
                "--shard-members", "4")).isNotZero();
        assertThat(err.toString()).contains("shard members must be between 1 and 3");
        assertThat(Files.exists(Path.of("/tmp/pilothouse-never-started"))).isFalse();
    }
}
