package io.pilothouse.services.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The optional top-level {@code alerts:} key of a workspace file. */
class WorkspaceAlertsTest {

    private static final String SOURCES = """
            sources:
              - name: demo
                patroni: ["http://127.0.0.1:8008"]
            """;

    @TempDir
    Path dir;

    private final WorkspaceLoader loader = new WorkspaceLoader();

    private Workspace load(String yaml) throws Exception {
        Path file = dir.resolve("workspace.yaml");
        Files.writeString(file, yaml);
        return loader.load(file);
    }

    @Test
    void withoutAnAlertsKeyEveryDefaultApplies() throws Exception {
        Workspace w = load("name: w\n" + SOURCES);
        assertThat(w.alerts()).isNull();
        assertThat(w.alertsOrDefaults()).isEqualTo(AlertsConfig.DEFAULTS);
    }

    @Test
    void alertThresholdsAreReadAndTheRestStayDefault() throws Exception {
        Workspace w = load("name: w\n" + SOURCES + """
                alerts:
                  lagBytes: 8388608
                  lagForSeconds: 60
                  slotRetainedBytes: 1048576
                  connections: 200
                  leaseFraction: 0.5
                """);
        AlertsConfig a = w.alertsOrDefaults();
        assertThat(a.lagBytes()).isEqualTo(8388608L);
        assertThat(a.lagForSeconds()).isEqualTo(60L);
        assertThat(a.slotRetainedBytes()).isEqualTo(1048576L);
        assertThat(a.connections()).isEqualTo(200L);
        assertThat(a.leaseFraction()).isEqualTo(0.5);
        assertThat(a.lagSeconds()).isNull();
    }

    @Test
    void aMisspelledThresholdIsRejected() {
        assertThatThrownBy(() -> load("name: w\n" + SOURCES + "alerts:\n  lagbytes: 10\n"))
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("lagbytes");
    }

    @Test
    void impossibleThresholdsAreRefusedWithTheField() {
        assertThatThrownBy(() -> load("name: w\n" + SOURCES + "alerts:\n  connections: 0\n  leaseFraction: 2\n"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("alerts.connections").hasMessageContaining("alerts.leaseFraction");
    }

    @Test
    void savedWorkspaceKeepsItsAlerts() throws Exception {
        Workspace w = load("name: w\n" + SOURCES + "alerts:\n  lagSeconds: 12.5\n");
        Path out = dir.resolve("saved.yaml");
        loader.save(w, out);
        assertThat(loader.load(out).alertsOrDefaults().lagSeconds()).isEqualTo(12.5);
    }
}
