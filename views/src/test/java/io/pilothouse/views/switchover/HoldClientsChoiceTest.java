package io.pilothouse.views.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.switchover.CandidateChecks;
import io.pilothouse.services.switchover.CheckId;
import io.pilothouse.services.switchover.CheckMatrix;
import io.pilothouse.services.switchover.CheckResult;
import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.ProgressStep;
import io.pilothouse.services.switchover.SwitchoverReport;
import io.pilothouse.services.switchover.SwitchoverRequest;
import io.pilothouse.services.switchover.Verdict;
import io.pilothouse.styles.Theme;
import io.pilothouse.testing.Pictures;
import io.pilothouse.views.ScreenshotRenderer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The confirmation's "Hold clients at PgBouncer" when the cluster's source has a PgBouncer: shown with the databases
 * it would pause, on by default, and what is ticked is what the run asks for; a failover does not offer it.
 */
@ExtendWith(ApplicationExtension.class)
class HoldClientsChoiceTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private final List<Boolean> holds = new CopyOnWriteArrayList<>();
    private LeaderChangeWizard wizard;

    @Start
    void start(Stage stage) {
        ClusterSnapshot cluster = ClusterSnapshot.builder("src", "demo").leader("node1").timeline(3)
                .members(List.of(member("node1", MemberRole.LEADER), member("node2", MemberRole.REPLICA)))
                .observedAt(NOW).build();
        LeaderChangeActions actions = new LeaderChangeActions() {
            @Override
            public CompletableFuture<CheckMatrix> check(ClusterSnapshot c, OperationKind kind, Instant at) {
                return CompletableFuture.completedFuture(new CheckMatrix("src", "demo", kind, "node1", 3,
                        List.of(row("node2")), NOW));
            }

            @Override
            public Optional<HoldOffer> holdOffer(ClusterSnapshot c) {
                return Optional.of(new HoldOffer("127.0.0.1:6432", List.of("postgres", "app")));
            }

            @Override
            public CompletableFuture<SwitchoverReport> run(SwitchoverRequest request,
                                                           Consumer<ProgressStep> progress) {
                holds.add(false);
                return new CompletableFuture<>();
            }

            @Override
            public CompletableFuture<SwitchoverReport> run(SwitchoverRequest request, boolean holdClients,
                                                           Consumer<ProgressStep> progress) {
                holds.add(holdClients);
                return new CompletableFuture<>();
            }

            @Override
            public void save(SwitchoverReport report, boolean json) {
            }
        };
        wizard = new LeaderChangeWizard(new LeaderChangeWizardModel(cluster, OperationKind.SWITCHOVER, null,
                actions, Platform::runLater, ZoneOffset.UTC));
        Scene scene = new Scene(new Region(), 1120, 700);
        Theme.LIGHT.applyTo(scene);
        scene.setRoot(wizard.root());
        stage.setScene(scene);
        // The shared primary stage keeps the size an earlier test class gave it unless told to fit the new scene.
        stage.sizeToScene();
        stage.show();
    }

    private static Member member(String name, MemberRole role) {
        return Member.builder(name).role(role).state(MemberState.RUNNING).timeline(3).build();
    }

    private static CandidateChecks row(String name) {
        List<CheckResult> results = new ArrayList<>();
        for (CheckId id : CheckId.values()) {
            results.add(new CheckResult(id, Verdict.PASS, "fine"));
        }
        return new CandidateChecks(name, results);
    }

    @Test
    void offeredOnByDefaultNamingTheDatabasesAndRunHoldsClients(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#wizard-next");
        WaitForAsyncUtils.waitForFxEvents();
        CheckBox hold = robot.lookup("#" + HoldClientsChoice.ID).queryAs(CheckBox.class);
        assertThat(onFx(hold::isSelected)).isTrue();
        assertThat(onFx(hold::getText)).startsWith("Hold clients at PgBouncer 127.0.0.1:6432: PAUSE postgres, app");
        assertThat(onFx(hold::isVisible)).isTrue();

        Path png = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(hold.getScene()),
                ScreenshotRenderer.directory().resolve("switchover-hold-clients.png")));
        Pictures.assertRendered(png, 1120, 700, false);

        robot.clickOn("#confirm-name").write("demo");
        robot.clickOn("#confirm-action");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(holds).containsExactly(true);
    }

    @Test
    void uncheckedTheRunHoldsNothing(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#wizard-next");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#" + HoldClientsChoice.ID);
        robot.clickOn("#confirm-name").write("demo");
        robot.clickOn("#confirm-action");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(holds).containsExactly(false);
    }

    @Test
    void aFailoverDoesNotOfferIt(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#kind-failover");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#wizard-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> wizard.model().stepProperty().get())).isEqualTo(WizardStep.CONFIRM);
        assertThat(robot.lookup("#" + HoldClientsChoice.ID).tryQuery()).isEmpty();
    }
}
