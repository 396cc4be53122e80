package io.pilothouse.views.replicas;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.replicas.CheckOutcome;
import io.pilothouse.services.replicas.HostAction;
import io.pilothouse.services.replicas.PlannedStep;
import io.pilothouse.services.replicas.PreCheck;
import io.pilothouse.services.replicas.RemovalPreview;
import io.pilothouse.services.replicas.ReplicaReport;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.ScreenshotRenderer;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** The remove-replica window: a refused leader says why, a replica is removed under a confirm naming it. */
@ExtendWith(ApplicationExtension.class)
class RemovalWizardTest {

    private static final ClusterSnapshot CLUSTER = ClusterSnapshot.builder("src", "plain").leader("127.0.0.1:5432")
            .members(List.of()).sources(Map.of()).observedAt(Instant.EPOCH).build();

    private final List<String> asked = new ArrayList<>();
    private Stage stage;
    private RemovalWizard wizard;

    private final RemovalActions actions = new RemovalActions() {
        @Override
        public CompletableFuture<RemovalPreview> preview(String member, Optional<String> ssh, boolean deleteData) {
            asked.add(member + " " + ssh.orElse("here") + " " + deleteData);
            boolean leader = member.endsWith(":5432");
            PreCheck role = leader ? new PreCheck("role", CheckOutcome.FAIL, member + " is the leader of plain: "
                    + "removing it stops every write; switch over to another member first")
                    : new PreCheck("role", CheckOutcome.PASS, member + " is a replica streaming from 127.0.0.1:5432");
            return CompletableFuture.completedFuture(new RemovalPreview(CLUSTER, member, false, "this machine",
                    List.of(role), List.of(new PlannedStep("stop the replica", new HostAction.Command(
                            List.of("kill", "-INT", "4242"), Duration.ofSeconds(1)), null, null))));
        }

        @Override
        public CompletableFuture<ReplicaReport> remove(RemovalPreview preview, Consumer<String> progress) {
            progress.accept("-> stop the replica");
            return CompletableFuture.completedFuture(new ReplicaReport("replica-remove", preview.member(),
                    "this machine", preview.checks(), List.of("ok (0.3 s): stop the replica: kill -INT 4242",
                    "ok (0.1 s): drop its slot r1 on 127.0.0.1:5432"), List.of(), List.of(), true,
                    Duration.ofMillis(400)));
        }
    };

    @Start
    void start(Stage stage) {
        this.stage = stage;
        wizard = new RemovalWizard(new RemovalWizardModel("plain", false, actions, Runnable::run), CLUSTER,
                "127.0.0.1:5432");
        Scene scene = new Scene(wizard.root(), 860, 560);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
    }

    @Test
    void theLeaderIsRefusedWithWhatItBreaksThenAReplicaIsRemoved(FxRobot robot) {
        assertThat(onFx(() -> robot.lookup("#removal-title").queryLabeled().getText()))
                .isEqualTo("Remove a replica from plain");
        robot.type(KeyCode.ENTER);
        assertThat(asked).containsExactly("127.0.0.1:5432 here false");
        assertThat(onFx(() -> robot.lookup("#removal-confirm").queryButton().isDisabled())).isTrue();
        assertThat(onFx(() -> robot.lookup("#removal-why-not").queryLabeled().getText())).isEqualTo("Refused: "
                + "[FAIL] role: 127.0.0.1:5432 is the leader of plain: removing it stops every write; switch over to "
                + "another member first");
        onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(wizard.root().getScene()),
                ScreenshotRenderer.directory().resolve("replica-removal-refused-light.png")));

        robot.type(KeyCode.ESCAPE);
        onFx(() -> robot.lookup("#removal-member").queryAs(ComboBox.class).setValue("127.0.0.1:5440"));
        robot.clickOn("#removal-review");
        assertThat(onFx(() -> robot.lookup("#removal-confirm").queryButton().getText()))
                .isEqualTo("Remove 127.0.0.1:5440 from plain");
        assertThat(onFx(() -> robot.lookup("#removal-preview-text").queryAs(TextArea.class).getText()))
                .contains("1. stop the replica: kill -INT 4242");
        robot.clickOn("#removal-confirm");
        assertThat(onFx(() -> robot.lookup("#removal-title").queryLabeled().getText()))
                .isEqualTo("Removed 127.0.0.1:5440 from plain");
        assertThat(onFx(() -> robot.lookup("#removal-report-text").queryAs(TextArea.class).getText()))
                .contains("replica-remove 127.0.0.1:5440 on this machine: done in 0.4 s",
                        "ok (0.1 s): drop its slot r1 on 127.0.0.1:5432");
    }
}
