package io.pilothouse.services.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The optional {@code writeEndpoint} of a source: the load balancer's write port a switchover is verified through. */
class WriteEndpointWorkspaceTest {

    @TempDir
    Path dir;

    private Workspace load(String yaml) throws Exception {
        Path file = dir.resolve("workspace.yaml");
        Files.writeString(file, yaml);
        return new WorkspaceLoader().load(file);
    }

    @Test
    void loadsTheWriteEndpoint() throws Exception {
        Workspace w = load("""
                name: prod
                sources:
                  - name: main
                    patroni: ["http://10.0.0.1:8008"]
                    writeEndpoint: "10.0.0.9:5000"
                """);
        assertThat(w.sources().get(0).writeEndpoint()).isEqualTo("10.0.0.9:5000");
    }

    @Test
    void aBadWriteEndpointIsExplained() {
        assertThatThrownBy(() -> load("""
                name: prod
                sources:
                  - name: main
                    patroni: ["http://10.0.0.1:8008"]
                    writeEndpoint: "10.0.0.9:99999"
                """)).isInstanceOf(WorkspaceException.class).hasMessageContaining("writeEndpoint");
    }
}
