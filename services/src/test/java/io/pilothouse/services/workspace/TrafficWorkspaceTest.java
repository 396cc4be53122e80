package io.pilothouse.services.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A source's {@code traffic.haproxy} block: the stats URL and the optional admin {@code socket}. */
class TrafficWorkspaceTest {

    @TempDir
    Path dir;

    private Workspace load(String haproxy) throws Exception {
        Path file = dir.resolve("workspace.yaml");
        Files.writeString(file, """
                name: prod
                sources:
                  - name: main
                    patroni: ["http://10.0.0.1:8008"]
                    traffic:
                      haproxy: %s
                """.formatted(haproxy));
        return new WorkspaceLoader().load(file);
    }

    @Test
    void loadsTheHaproxyAdminSocket() throws Exception {
        TrafficConfig.Haproxy haproxy = load("{stats: \"http://127.0.0.1:7000/stats;csv\", "
                + "socket: /run/haproxy/admin.sock}").sources().get(0).traffic().haproxy();
        assertThat(haproxy).isEqualTo(new TrafficConfig.Haproxy("http://127.0.0.1:7000/stats;csv",
                "/run/haproxy/admin.sock"));
    }

    @Test
    void theSocketIsOptional() throws Exception {
        assertThat(load("{stats: \"http://127.0.0.1:7000/stats;csv\"}").sources().get(0).traffic().haproxy().socket())
                .isNull();
    }

    @Test
    void aRelativeSocketPathIsExplained() {
        assertThatThrownBy(() -> load("{stats: \"http://127.0.0.1:7000/stats;csv\", socket: haproxy.sock}"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("traffic.haproxy.socket 'haproxy.sock' is not an absolute path")
                .hasMessageContaining("/run/haproxy/admin.sock");
    }

    @Test
    void aMisspelledSocketKeyIsRejected() {
        assertThatThrownBy(() -> load("{stats: \"http://127.0.0.1:7000/stats;csv\", sock: /x.sock}"))
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("sock");
    }
}
