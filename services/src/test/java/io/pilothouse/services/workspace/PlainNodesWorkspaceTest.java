package io.pilothouse.services.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Workspaces with plain streaming-replication sources ({@code nodes:}), read over SQL only. */
class PlainNodesWorkspaceTest {

    @TempDir
    Path dir;

    private final WorkspaceLoader loader = new WorkspaceLoader();

    private Workspace load(String yaml) throws Exception {
        Path file = dir.resolve("workspace.yaml");
        Files.writeString(file, yaml);
        return loader.load(file);
    }

    private String loadError(String yaml) throws IOException {
        try {
            load(yaml);
        } catch (WorkspaceException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the workspace to be refused");
    }

    @Test
    void loadsNodesWithPostgresSettings() throws Exception {
        Workspace w = load("""
                name: plain
                sources:
                  - name: billing
                    nodes: ["127.0.0.1:5432", "db2:5433", "db3", "[::1]:6000"]
                    postgres: {user: pilothouse_monitor, database: postgres}
                """);

        SourceConfig s = w.sources().get(0);
        assertThat(s.isPlain()).isTrue();
        assertThat(s.etcd()).isNull();
        assertThat(s.patroni()).isEmpty();
        assertThat(s.nodeAddresses()).containsExactly(new NodeAddress("127.0.0.1", 5432),
                new NodeAddress("db2", 5433), new NodeAddress("db3", 5432), new NodeAddress("::1", 6000));
        assertThat(s.nodeAddresses().get(3)).hasToString("[::1]:6000");
    }

    @Test
    void patroniSourcesAreNotPlain() throws Exception {
        Workspace w = load("""
                name: p
                sources:
                  - name: demo
                    patroni: ["http://127.0.0.1:8008"]
                """);
        assertThat(w.sources().get(0).isPlain()).isFalse();
        assertThat(w.sources().get(0).nodes()).isEmpty();
    }

    @Test
    void aSourceWithNothingNamesNodesAsAnOption() throws Exception {
        assertThat(loadError("""
                name: n
                sources:
                  - name: lonely
                    postgres: {user: x}
                """)).contains("has neither `etcd` nor `patroni` nor `nodes`").contains("nodes: [\"10.0.0.1:5432\"]");
    }

    @Test
    void badHostPortIsExplainedPerNode() throws Exception {
        String message = loadError("""
                name: n
                sources:
                  - name: billing
                    nodes: ["db1:54x2", "db2:70000", "postgres://db3:5432", ":5432", "fe80::1:5432", "ok:5432", "ok:5432"]
                    postgres: {user: x}
                """);

        assertThat(message)
                .contains("sources[0] \"billing\", field nodes[0] 'db1:54x2' has port '54x2', which is not a number")
                .contains("field nodes[1] 'db2:70000' has port 70000, outside 1-65535")
                .contains("field nodes[2] 'postgres://db3:5432' is a URL")
                .contains("field nodes[3] ':5432' has no host")
                .contains("field nodes[4] 'fe80::1:5432' looks like an IPv6 address; put it in brackets")
                .contains("field nodes[6] 'ok:5432' is listed twice")
                .doesNotContain("nodes[5]");
    }

    @Test
    void nodesNeedPostgresSettingsAndNoPatroni() throws Exception {
        String message = loadError("""
                name: n
                sources:
                  - name: mixed
                    nodes: ["db1:5432"]
                    patroni: ["http://db1:8008"]
                """);

        assertThat(message)
                .contains("field nodes cannot be combined with `etcd` or `patroni`")
                .contains("field postgres is missing; a `nodes` source is read over SQL only");
    }

    @Test
    void parseRefusesWhatValidationRefuses() {
        assertThatThrownBy(() -> NodeAddress.parse("db:0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside 1-65535");
        assertThat(List.of("a:1", "b").stream().map(NodeAddress::parse).map(NodeAddress::port)).containsExactly(1, 5432);
    }
}
