package io.pilothouse.app.wiring;

import io.pilothouse.services.workspace.Workspace;
import io.pilothouse.services.workspace.WorkspaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the window's traffic operations find HAProxy's admin socket and PgBouncer: the workspace's traffic keys of
 * the cluster's source, nothing guessed (no socket beside the pgpass any more).
 */
class TrafficWiringWorkspaceTest {

    @TempDir
    Path dir;

    private TrafficWiring wiring(String traffic) throws Exception {
        Path file = dir.resolve("workspace.yaml");
        Files.writeString(dir.resolve("pgpass"), "");
        Files.writeString(dir.resolve("haproxy.sock"), "");
        Files.writeString(file, """
                name: prod
                sources:
                  - name: main
                    patroni: ["http://10.0.0.1:8008"]
                    postgres: {user: monitor, passfile: %s}
                    traffic:
                %s
                """.formatted(dir.resolve("pgpass"), traffic.indent(6).stripTrailing()));
        Workspace workspace = new WorkspaceLoader().load(file);
        return new TrafficWiring(workspace, null, null, null);
    }

    @Test
    void theAdminSocketComesFromTrafficHaproxySocket() throws Exception {
        TrafficWiring w = wiring("""
                haproxy: {stats: "http://127.0.0.1:7000/stats;csv", socket: /run/haproxy/admin.sock}
                pgbouncer: {address: "127.0.0.1:6432", user: pgbouncer_admin}""");
        assertThat(w.haproxySocket("main")).contains(Path.of("/run/haproxy/admin.sock"));
        assertThat(w.haproxySocket("other")).isEmpty();
        assertThat(w.pgbouncer("main")).hasValueSatisfying(p -> assertThat(p.address()).isEqualTo("127.0.0.1:6432"));
    }

    @Test
    void withoutTheKeyNoSocketIsGuessedEvenWhenOneLiesBesideThePgpass() throws Exception {
        TrafficWiring w = wiring("""
                haproxy: {stats: "http://127.0.0.1:7000/stats;csv"}""");
        assertThat(w.haproxySocket("main")).isEmpty();
        assertThat(w.pgbouncer("main")).isEmpty();
    }
}
