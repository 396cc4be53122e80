package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.app.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sandbox up --plain}, {@code snapshot}, {@code status} and {@code down} on the command line, for real. */
@Tag("servers")
class PlainSandboxCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void plainSandboxUpSnapshotStatusAndDown() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pilothouse-plaincli-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            assertThat(run("sandbox", "up", "--plain", "--dir", dir.toString(), "--scope", "plaincli"))
                    .as(err.toString()).isZero();
            assertThat(out.toString()).contains("plain streaming replication").doesNotContain("patroni");

            assertThat(run("snapshot", "--workspace", dir.resolve("workspace.yaml").toString(), "--json"))
                    .as(err.toString()).isZero();
            JsonNode cluster = new ObjectMapper().readTree(out.toString()).path("clusters").path(0);
            assertThat(cluster.path("scope").asText()).isEqualTo("plaincli");
            assertThat(cluster.path("members")).hasSize(3);
            assertThat(cluster.path("leader").asText()).isNotEmpty();
            assertThat(cluster.path("problems").isArray()).isTrue();
            assertThat(cluster.path("sources").has("postgres")).isTrue();
            assertThat(cluster.path("sources").has("etcd")).isFalse();

            assertThat(run("sandbox", "status", "--dir", dir.toString())).isZero();
            assertThat(out.toString()).startsWith("running");
        } finally {
            assertThat(run("sandbox", "down", "--dir", dir.toString(), "--destroy")).as(out + " " + err).isZero();
            assertThat(out.toString()).contains("nothing left running");
        }
    }
}
