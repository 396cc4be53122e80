package io.pilothouse.app.e2e;

import io.pilothouse.app.fx.ClusterActions;
import io.pilothouse.app.fx.MainViews;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.testing.Closing;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.main.ClusterAction;
import io.pilothouse.views.main.MainView;
import io.pilothouse.views.replicas.RemovalWizard;
import io.pilothouse.views.replicas.ReplicaWizard;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replica windows end to end on a real one-member plain sandbox, as a user drives them from the main window's
 * Operations menu: add a replica (form, preview, confirm, report: streaming on its slot), then remove it (the slot
 * dropped, the data directory gone).
 */
@ExtendWith(ApplicationExtension.class)
@Tag("servers")
class ReplicaWizardEndToEndTest {

    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static LiveSession session;
    private static AuditLogProperty audit;
    private static Path replicas;
    private MainView view;

    @BeforeAll
    static void startSandbox() throws Exception {
        own = OwnSandbox.start("pilothouse-replica-ui-", s -> s.withPlain(true).withMembers(1).withScope("rui"));
        try {
            sandbox = own.info();
            audit = AuditLogProperty.pointAt(own.dir().resolve("audit.jsonl"));
            replicas = Files.createTempDirectory(Path.of("/tmp"), "pilothouse-replica-ui-");
            if ("root".equals(System.getProperty("user.name"))) {
                new ProcessBuilder("chown", "postgres:", replicas.toString()).inheritIO().start().waitFor();
            }
            session = SettledSession.start(own.workspace());
        } catch (RuntimeException | Error | InterruptedException e) {
            Closing.inOrder(session, audit, own);
            throw e;
        }
    }

    @AfterAll
    static void stopSandbox() throws Exception {
        Closing.inOrder(session, audit, own);
        if (replicas != null) {
            new ProcessBuilder("rm", "-rf", "--", replicas.toString()).inheritIO().start().waitFor();
        }
    }

    @Start
    void start(Stage stage) {
        view = MainViews.on(session);
        Scene scene = new Scene(new Region(), 1200, 800);
        Theme.LIGHT.applyTo(scene);
        scene.setRoot(view.root());
        stage.setScene(scene);
        view.clusterActionsProperty().set(new ClusterActions(() -> stage, session));
        stage.show();
        view.selectCluster(own.sourceName(), "rui");
    }

    @AfterEach
    void closeWindows() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
    }

    @Test
    void addsAReplicaFromTheOperationsMenuThenRemovesIt() throws Exception {
        int port = freePort();
        String dir = replicas.resolve("r1").toString();
        String name = "127.0.0.1:" + port;
        String slot = "127_0_0_1_" + port;
        long t0 = System.nanoTime();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> view.perform(ClusterAction.ADD_REPLICA)));
        Scene add = fx(() -> window(ReplicaWizard.class).getScene());
        fx(() -> {
            ((TextField) add.lookup("#replica-host")).setText("127.0.0.1");
            ((TextField) add.lookup("#replica-port")).setText(String.valueOf(port));
            ((TextField) add.lookup("#replica-data-dir")).setText(dir);
            ((Button) add.lookup("#replica-review")).fire();
            return null;
        });
        Button confirm = fx(() -> (Button) add.lookup("#replica-confirm"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> add.lookup("#replica-confirm")
                .getParent().getParent().isVisible()));
        assertThat(fx(confirm::getText)).isEqualTo("Add " + name + " to rui");
        assertThat(fx(confirm::isDisabled)).as(fx(() -> ((TextArea) add.lookup("#replica-preview-text"))
                .getText())).isFalse();
        assertThat(fx(() -> ((TextArea) add.lookup("#replica-preview-text")).getText()))
                .contains("[PASS] data directory", "pg_basebackup -D " + dir, "-R -C -S " + slot + " -P");
        fx(() -> {
            confirm.fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> fx(() -> text(add, "#replica-title")
                .startsWith("Added") || text(add, "#replica-title").endsWith("failed")));
        assertThat(fx(() -> ((TextArea) add.lookup("#replica-report-text")).getText()))
                .as(fx(() -> text(add, "#replica-title"))).contains("done in", "streams from", "on slot " + slot);
        assertThat(slots()).contains(slot);
        System.out.printf("replica add through the window: %.1f s%n", (System.nanoTime() - t0) / 1e9);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> view.perform(ClusterAction.REMOVE_REPLICA)));
        Scene remove = fx(() -> window(RemovalWizard.class).getScene());
        fx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<String> member = (ComboBox<String>) remove.lookup("#removal-member");
            member.setValue(name);
            ((CheckBox) remove.lookup(".check-box")).setSelected(true);
            ((Button) remove.lookup("#removal-review")).fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> text(remove, "#removal-title")
                .startsWith("Review")));
        assertThat(fx(() -> text(remove, "#removal-confirm"))).isEqualTo("Remove " + name + " from rui");
        fx(() -> {
            ((Button) remove.lookup("#removal-confirm")).fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> text(remove, "#removal-title")
                .startsWith("Removed") || text(remove, "#removal-title").endsWith("failed")));
        assertThat(fx(() -> ((TextArea) remove.lookup("#removal-report-text")).getText()))
                .as(fx(() -> text(remove, "#removal-title"))).contains("done in", "drop its slot " + slot);
        assertThat(slots()).doesNotContain(slot);
        assertThat(Files.exists(Path.of(dir))).isFalse();
        System.out.printf("replica add and remove through the windows: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static String text(Scene scene, String id) {
        Node n = scene.lookup(id);
        return ((Labeled) n).getText();
    }

    private static List<String> slots() throws Exception {
        try (Connection c = SandboxConnections.connect(sandbox, "node1", "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery("SELECT slot_name FROM pg_replication_slots")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static Window window(Class<?> wizard) {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.getScene().getRoot().getProperties().get(wizard) != null) {
                return w;
            }
        }
        throw new AssertionError("no " + wizard.getSimpleName() + " window is open");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
