package io.pilothouse.app.fx;

import io.pilothouse.services.policy.AuditEntry;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.services.policy.MutationGate;
import io.pilothouse.services.policy.MutationRequest;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit window reads the log off the FX thread, shows it, and Reload picks up what changed on disk. */
class AuditWindowTest {

    @TempDir
    Path dir;

    private final ExecutorService io = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() throws Exception {
        FxToolkit.call(() -> {
            new ArrayList<>(Window.getWindows()).forEach(w -> ((Stage) w).close());
            return null;
        }, 10);
        io.shutdownNow();
    }

    /** The audit table of the open window, or null; FX thread. */
    @SuppressWarnings("unchecked")
    private static TableView<AuditEntry> tableOnFx() {
        return Window.getWindows().stream()
                .map(w -> (TableView<AuditEntry>) w.getScene().getRoot().lookup("#audit-table"))
                .filter(t -> t != null).findFirst().orElse(null);
    }

    /** Waits up to 5 s for a condition evaluated on the FX thread. */
    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> FxToolkit.call(() -> {
            try {
                return condition.call();
            } catch (Exception e) {
                return false;
            }
        }, 5));
    }

    @Test
    void showsTheLogAndReloadsAfterItChanged() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        JsonLinesAuditLog log = new JsonLinesAuditLog(file);
        MutationGate gate = new MutationGate(false, log);
        gate.run(MutationRequest.of("switchover", "demo/pg-main", "node2"), () -> null);
        gate.run(MutationRequest.of("restart", "demo/pg-main", "node3"), () -> null);
        FxToolkit.startHeadless();
        AuditWindow window = new AuditWindow(() -> new JsonLinesAuditLog(file), io);

        FxToolkit.call(() -> {
            window.show(null);
            return null;
        }, 10);
        waitFor(() -> tableOnFx().getItems().size() == 2);
        TableView<AuditEntry> table = FxToolkit.call(AuditWindowTest::tableOnFx, 5);
        Label banner = FxToolkit.call(() -> (Label) table.getScene().getRoot().lookup("#audit-banner"), 5);
        assertThat(FxToolkit.call(banner::getText, 5)).isEqualTo("Chain intact, 2 records");

        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(0, lines.get(0).replace("node2", "node9"));
        Files.write(file, lines, StandardCharsets.UTF_8);
        FxToolkit.call(() -> {
            window.show(null); // opening it again brings it forward and reloads
            return null;
        }, 10);
        waitFor(() -> banner.getText().startsWith("Chain broken: line 1 was edited"));
        assertThat(FxToolkit.call(() -> Window.getWindows().size(), 5)).isEqualTo(1);
    }
}
