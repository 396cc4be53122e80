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
import io.pilothouse.services.switchover.Outcome;
import io.pilothouse.services.switchover.ProgressStep;
import io.pilothouse.services.switchover.SwitchoverReport;
import io.pilothouse.services.switchover.SwitchoverRequest;
import io.pilothouse.services.switchover.Verdict;
import io.pilothouse.services.switchover.VerificationItem;
import io.pilothouse.services.switchover.WriteProbeResult;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.FxTest;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.geometry.Bounds;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wizard's pages on canned pre-check results (the services and the real switchover are tested against a real
 * sandbox elsewhere): an ineligible candidate cannot be chosen and says why, the confirmation names the action,
 * progress lines appear as they come, the report shows every verification item.
 */
@ExtendWith(ApplicationExtension.class)
class LeaderChangeWizardTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private final List<SwitchoverRequest> runs = new CopyOnWriteArrayList<>();
    private final List<Consumer<ProgressStep>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<SwitchoverReport> outcome = new CompletableFuture<>();
    private final AtomicReference<CheckMatrix> answer = new AtomicReference<>();
    private final AtomicInteger reads = new AtomicInteger();
    private LeaderChangeWizard wizard;

    @Start
    void start(Stage stage) {
        ClusterSnapshot cluster = ClusterSnapshot.builder("src", "demo").leader("node1").timeline(3)
                .leaderLeaseSecondsLeft(10L).ttlSeconds(20L)
                .members(List.of(member("node1", MemberRole.LEADER), member("node2", MemberRole.REPLICA),
                        member("node3", MemberRole.REPLICA))).observedAt(NOW).build();
        LeaderChangeActions actions = new LeaderChangeActions() {
            @Override
            public CompletableFuture<CheckMatrix> check(ClusterSnapshot c, OperationKind kind, Instant at) {
                reads.incrementAndGet();
                CheckMatrix m = answer.get();
                return CompletableFuture.completedFuture(m != null ? m : new CheckMatrix("src", "demo", kind,
                        "node1", 3, List.of(row("node2", null), row("node3", CheckId.NOFAILOVER)), NOW));
            }

            @Override
            public CompletableFuture<SwitchoverReport> run(SwitchoverRequest request,
                                                           Consumer<ProgressStep> progress) {
                runs.add(request);
                listeners.add(progress);
                return outcome;
            }

            @Override
            public void save(SwitchoverReport report, boolean json) {
            }
        };
        wizard = new LeaderChangeWizard(new LeaderChangeWizardModel(cluster, OperationKind.SWITCHOVER, null,
                actions, Platform::runLater, ZoneOffset.UTC));
        FxTest.showLight(stage, wizard.root(), 1120, 700);
    }

    private static Member member(String name, MemberRole role) {
        return Member.builder(name).role(role).state(MemberState.RUNNING).timeline(3).build();
    }

    private static CandidateChecks row(String name, CheckId failing) {
        List<CheckResult> results = new ArrayList<>();
        for (CheckId id : CheckId.values()) {
            results.add(id == failing ? new CheckResult(id, Verdict.FAIL, "tagged nofailover: Patroni will never "
                    + "promote it") : id == CheckId.PREPARED_XACTS ? new CheckResult(id, Verdict.WARN,
                    "1 prepared transaction(s) open on the leader") : new CheckResult(id, Verdict.PASS, "fine"));
        }
        return new CandidateChecks(name, results);
    }

    @Test
    void eligibleCandidateIsPreselectedAndTheIneligibleOneSaysWhy(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Button next = robot.lookup("#wizard-next").queryButton();
        assertThat(onFx(next::getText)).isEqualTo("Switch over to node2…");
        assertThat(onFx(next::isDisabled)).isFalse();

        onFx(() -> {
            wizard.model().candidateProperty().set("node3");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(next::isDisabled)).isTrue();
        ListView<?> reasons = robot.lookup("#check-reasons").queryListView();
        assertThat(onFx(() -> reasons.getItems().stream().map(Object::toString).toList()))
                .anyMatch(r -> r.contains("NOFAILOVER") && r.contains("FAIL"));
    }

    @Test
    void enterNeverLeadsIntoTheSwitchoverNorConfirmsIt(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Button next = robot.lookup("#wizard-next").queryButton();
        assertThat(onFx(next::isDisabled)).as("a candidate can be chosen").isFalse();
        assertThat(onFx(next::isDefaultButton)).isFalse();
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> wizard.model().stepProperty().get())).as("Enter on the pick page")
                .isEqualTo(WizardStep.PICK);

        robot.clickOn(next);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> wizard.model().stepProperty().get())).isEqualTo(WizardStep.CONFIRM);
        robot.type(javafx.scene.input.KeyCode.ENTER);
        robot.write("dem").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(runs).as("Enter without the typed name").isEmpty();
        assertThat(onFx(() -> wizard.model().stepProperty().get())).isEqualTo(WizardStep.CONFIRM);
    }

    @Test
    void badScheduleTimeBlocksNext(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#when-at");
        robot.clickOn("#when-time").write("tomorrow");
        assertThat(onFx(() -> robot.lookup("#wizard-next").queryButton().isDisabled())).isTrue();
        assertThat(onFx(() -> wizard.model().scheduleErrorProperty().get())).startsWith("type the time as");
    }

    @Test
    void confirmProgressAndReport(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#wizard-next");
        Button confirm = robot.lookup("#confirm-action").queryButton();
        assertThat(onFx(confirm::getText)).isEqualTo("Switch over demo to node2");
        assertThat(robot.lookup("#" + HoldClientsChoice.ID).tryQuery()).as("no PgBouncer, no hold offered").isEmpty();
        assertThat(onFx(() -> ((Label) robot.lookup("#confirm-impact").query()).getText()))
                .contains("node1 hands the leader role to node2").contains("1 prepared transaction");
        robot.clickOn("#confirm-name").write("demo");
        robot.clickOn(confirm);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(runs).singleElement().extracting(SwitchoverRequest::candidate).isEqualTo("node2");

        listeners.get(0).accept(new ProgressStep(Duration.ofMillis(1200), "node2 holds the leader key"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> robot.lookup("#wizard-progress").queryListView().getItems()))
                .containsExactly("+1.200 s  node2 holds the leader key");

        outcome.complete(new SwitchoverReport(runs.get(0), Outcome.COMPLETED, "node2 is the leader of demo", NOW,
                "node1", "node2", null, null, List.of(), List.of("POST /switchover -> 200"),
                List.of(new VerificationItem("leader", "Candidate holds the leader key", Verdict.PASS, "node2"),
                        new VerificationItem("old_leader", "Old leader back as a streaming replica", Verdict.WARN,
                                "node1 is replica, running, catchup")),
                new WriteProbeResult(true, Duration.ofMillis(840), 120, 12, 1, Duration.ofSeconds(7), null, true),
                Duration.ofMillis(7100)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> robot.lookup("#report-summary").queryAs(Label.class).getText()))
                .isEqualTo("COMPLETED: node2 is the leader of demo");
        assertThat(onFx(() -> robot.lookup("#report-figures").queryAs(Label.class).getText()))
                .contains("writes unavailable for 840 ms");
        assertThat(onFx(() -> robot.lookup("#verification").queryTableView().getItems())).hasSize(2);
    }

    @Test
    void warningCellIsVisibleWithoutScrollingAndTheCandidateStaysWhenScrolled(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> checks = robot.lookup("#check-matrix").queryTableView();
        // The warning (2PC, the 14th check) and the failure (nofailover) lead the matrix.
        assertThat(onFx(() -> checks.getColumns().get(0).getText())).isEqualTo(CheckId.NOFAILOVER.title());
        assertThat(onFx(() -> checks.getColumns().get(1).getText())).isEqualTo(CheckId.PREPARED_XACTS.title());
        TableCell<?, ?> warning = cell(robot, "#check-matrix", "column-" + CheckId.PREPARED_XACTS.id(), "node2");
        assertThat(onFx(() -> warning.getText())).isEqualTo("! warn");
        assertThat(onFx(() -> inside(warning, checks))).as("warning cell inside the visible matrix").isTrue();

        onFx(() -> checks.scrollToColumnIndex(checks.getColumns().size() - 1));
        WaitForAsyncUtils.waitForFxEvents();
        TableCell<?, ?> last = cell(robot, "#check-matrix", "column-" + CheckId.VERSION_SKEW.id(), "node2");
        assertThat(onFx(() -> inside(last, checks))).as("scrolled to the last check").isTrue();
        TableCell<?, ?> candidate = cell(robot, "#check-matrix-candidates", "column-candidate", "node2");
        assertThat(onFx(() -> inside(candidate, robot.lookup("#check-matrix-candidates").queryTableView())
                && candidate.localToScene(candidate.getBoundsInLocal()).getMinX() >= 0)).isTrue();
        assertThat(onFx(() -> candidate.getText())).isEqualTo("node2");
    }

    @Test
    void reasonsAreListedProblemsFirst(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        onFx(() -> wizard.model().candidateProperty().set("node3"));
        ListView<CheckResult> reasons = robot.lookup("#check-reasons").queryListView();
        assertThat(onFx(() -> reasons.getItems().stream().map(r -> r.verdict()).toList().subList(0, 3)))
                .containsExactly(Verdict.FAIL, Verdict.WARN, Verdict.PASS);
        // Readable: more than a handful of lines on screen at the app's window size.
        assertThat(onFx(() -> reasons.getHeight())).isGreaterThan(8 * 24.0);
    }

    @Test
    void figuresAreReadAgainBeforeConfirmingAndAChangeIsShown(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        int before = reads.get();
        List<CheckResult> lagging = new ArrayList<>(row("node2", null).results());
        lagging.set(CheckId.LAG_BYTES.ordinal(), new CheckResult(CheckId.LAG_BYTES, Verdict.WARN,
                "18 MB behind the leader"));
        answer.set(new CheckMatrix("src", "demo", OperationKind.SWITCHOVER, "node1", 3,
                List.of(new CandidateChecks("node2", lagging), row("node3", CheckId.NOFAILOVER)),
                NOW.plusSeconds(95)));
        robot.clickOn("#wizard-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(reads.get()).isEqualTo(before + 1);
        String impact = onFx(() -> ((Label) robot.lookup("#confirm-impact").query()).getText());
        assertThat(impact).contains("Figures read again at 10:01:35")
                .contains("Lag (bytes): was \u2713 pass (fine), now ! warn (18 MB behind the leader)")
                .contains("Warnings: ").contains("18 MB behind the leader");
    }

    @Test
    void aCandidateThatFailsWhenReadAgainIsNotConfirmed(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        answer.set(new CheckMatrix("src", "demo", OperationKind.SWITCHOVER, "node1", 3,
                List.of(row("node2", CheckId.NOFAILOVER), row("node3", CheckId.NOFAILOVER)), NOW.plusSeconds(5)));
        robot.clickOn("#wizard-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> wizard.model().stepProperty().get())).isEqualTo(WizardStep.PICK);
        assertThat(onFx(() -> wizard.model().errorProperty().get()))
                .startsWith("Read again just now, node2 can no longer be chosen: nofailover: tagged nofailover");
        assertThat(runs).isEmpty();
    }

    @Test
    void rendersTheMatrixInBothThemesWithTheWarningInSight(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        for (Theme theme : Theme.values()) {
            java.nio.file.Path file = io.pilothouse.views.ScreenshotRenderer.directory()
                    .resolve("switchover-matrix-" + theme.name().toLowerCase() + ".png");
            onFx(() -> {
                theme.applyTo(wizard.root().getScene());
                wizard.root().applyCss();
                wizard.root().layout();
                io.pilothouse.views.ScreenshotRenderer.write(io.pilothouse.views.ScreenshotRenderer.snapshot(
                        wizard.root().getScene()), file);
            });
            assertThat(file).exists();
            TableCell<?, ?> warning = cell(robot, "#check-matrix", "column-" + CheckId.PREPARED_XACTS.id(), "node2");
            TableView<?> checks = robot.lookup("#check-matrix").queryTableView();
            assertThat(onFx(() -> inside(warning, checks))).isTrue();
        }
    }

    private static TableCell<?, ?> cell(FxRobot robot, String table, String columnId, String candidate) {
        return onFx(() -> robot.lookup(table).lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getTableColumn() != null && columnId.equals(c.getTableColumn().getId()))
                .filter(c -> c.getTableRow() != null && c.getTableRow().getItem() instanceof CandidateChecks r
                        && r.candidate().equals(candidate))
                .findFirst().orElseThrow(() -> new AssertionError("no visible cell " + columnId + " of "
                        + candidate)));
    }

    /** True when {@code cell} lies wholly inside the visible part of {@code table}. */
    private static boolean inside(TableCell<?, ?> cell, TableView<?> table) {
        Bounds c = cell.localToScene(cell.getBoundsInLocal());
        Bounds t = table.localToScene(table.getBoundsInLocal());
        return cell.isVisible() && c.getMinX() >= t.getMinX() - 1 && c.getMaxX() <= t.getMaxX() + 1
                && c.getMaxX() <= table.getScene().getWidth();
    }
}
