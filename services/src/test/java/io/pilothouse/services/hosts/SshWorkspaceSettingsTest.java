package io.pilothouse.services.hosts;

import io.pilothouse.services.workspace.Workspace;
import io.pilothouse.services.workspace.WorkspaceException;
import io.pilothouse.services.workspace.WorkspaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workspace's optional {@code ssh.knownHosts} file joins the user's own known_hosts. */
class SshWorkspaceSettingsTest {

    private static final String SOURCES = """
            name: w
            sources:
              - name: demo
                patroni: ["http://127.0.0.1:8008"]
            """;

    @TempDir
    Path dir;

    private Workspace load(String yaml) throws Exception {
        Path file = dir.resolve("workspace.yaml");
        Files.writeString(file, yaml);
        return new WorkspaceLoader().load(file);
    }

    @Test
    void aWorkspaceKnownHostsFileIsTrustedBesidesTheUsersOwn() throws Exception {
        Workspace w = load(SOURCES + "ssh:\n  knownHosts: /etc/pilothouse/known_hosts\n");
        assertThat(SshSettings.forWorkspace(w).knownHosts()).containsExactly(
                Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"), Path.of("/etc/pilothouse/known_hosts"));
        assertThat(SshSettings.forWorkspace(load(SOURCES)).knownHosts()).containsExactly(
                Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
    }

    @Test
    void aRelativeKnownHostsPathIsRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> load(SOURCES + "ssh:\n  knownHosts: known_hosts\n"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("ssh.knownHosts 'known_hosts' is not an absolute path");
    }
}
