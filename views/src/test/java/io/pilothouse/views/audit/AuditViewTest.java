package io.pilothouse.views.audit;

import io.pilothouse.services.policy.AuditEntry;
import io.pilothouse.services.policy.AuditVerification;
import io.pilothouse.views.FxTest;
import io.pilothouse.views.Styles;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** The audit window: filters narrow the rows, a selected record shows its evidence, a broken chain says so. */
@ExtendWith(ApplicationExtension.class)
class AuditViewTest {

    private AuditViewModel vm;
    private AuditView view;
    private final AtomicInteger refreshes = new AtomicInteger();

    @Start
    void start(Stage stage) {
        vm = new AuditViewModel(SampleAudit.CLOCK, () -> {
            refreshes.incrementAndGet();
            return new java.util.concurrent.CompletableFuture<>();
        }, Runnable::run);
        view = new AuditView(vm);
        vm.setEntries(SampleAudit.ALL, AuditVerification.ok(4));
        FxTest.showLight(stage, view.root(), 1400, 800);
    }

    @AfterEach
    void dispose() {
        onFx(view::dispose);
    }

    private List<AuditEntry> rows() {
        return onFx(() -> List.copyOf(view.table().getItems()));
    }

    @Test
    void showsEveryRecordNewestFirstWithAnIntactBanner() {
        assertThat(rows()).containsExactly(SampleAudit.RELOAD, SampleAudit.SWITCHOVER, SampleAudit.RESTART_FAILED,
                SampleAudit.PAUSE_REFUSED);
        Label banner = onFx(() -> (Label) view.root().lookup("#audit-banner"));
        assertThat(onFx(banner::getText)).isEqualTo("Chain intact, 4 records");
        assertThat(onFx(() -> banner.getPseudoClassStates().contains(Styles.OK))).isTrue();
        List<String> chips = onFx(() -> view.table().lookupAll("." + AuditStyles.OUTCOME_CHIP).stream()
                .map(n -> ((Label) n).getText()).filter(t -> t != null && !t.isEmpty()).toList());
        assertThat(chips).contains("ok", "failed", "refused");
    }

    @Test
    void typingInTheFilterAndChoosingOutcomeAndPeriodNarrowTheRows(FxRobot robot) {
        robot.clickOn("#audit-filter").write("orders");
        assertThat(rows()).containsExactly(SampleAudit.RELOAD, SampleAudit.PAUSE_REFUSED);

        onFx(() -> vm.outcomeProperty().set(AuditViewModel.OutcomeChoice.REFUSED));
        assertThat(rows()).containsExactly(SampleAudit.PAUSE_REFUSED);
        assertThat(onFx(() -> ((Label) view.root().lookup("#audit-summary")).getText())).isEqualTo("1 of 4 records");

        // Ctrl+F goes back to the filter; the user name matches too.
        robot.clickOn(view.table()).press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL)
                .write("ben");
        onFx(() -> vm.outcomeProperty().set(AuditViewModel.OutcomeChoice.ANY));
        assertThat(rows()).containsExactly(SampleAudit.RESTART_FAILED);

        onFx(() -> {
            vm.filterTextProperty().set("");
            vm.periodProperty().set(AuditViewModel.Period.LAST_24_HOURS);
        });
        assertThat(rows()).containsExactly(SampleAudit.RELOAD, SampleAudit.SWITCHOVER);
        onFx(() -> vm.periodProperty().set(AuditViewModel.Period.LAST_7_DAYS));
        assertThat(rows()).containsExactly(SampleAudit.RELOAD, SampleAudit.SWITCHOVER, SampleAudit.RESTART_FAILED);
    }

    @Test
    void selectingARowShowsItsParametersChecksAnswersAndResults(FxRobot robot) {
        Node cell = robot.from(view.table()).lookup(".table-cell")
                .match((Node n) -> n instanceof TableCell<?, ?> c && "switchover".equals(c.getText())).query();
        robot.clickOn(cell);
        assertThat(onFx(() -> vm.selectedProperty().get())).isEqualTo(SampleAudit.SWITCHOVER);

        assertThat(section("#audit-parameters")).containsExactly("candidate = node2", "leader = node1");
        assertThat(section("#audit-checks")).containsExactly("lag.bytes pass: 0 B behind", "members.streaming pass");
        assertThat(section("#audit-responses")).singleElement().asString().contains("→ 200 Successfully switched over");
        assertThat(section("#audit-results")).containsExactly("newLeader = node2", "writeUnavailableMs = 840");

        // The keyboard moves the selection and the details follow.
        robot.type(KeyCode.DOWN);
        assertThat(onFx(() -> vm.selectedProperty().get())).isEqualTo(SampleAudit.RESTART_FAILED);
        assertThat(section("#audit-checks")).containsExactly("none recorded");
    }

    @Test
    void theKeyAndOutcomeColumnsAreReadableWithoutScrollingWithARowSelected() {
        onFx(() -> view.table().getSelectionModel().select(SampleAudit.SWITCHOVER));
        for (double[] size : new double[][] {{1280, 800}, {1440, 900}}) {
            io.pilothouse.views.ColumnsInSight.size(view.table(), size[0], size[1]);
            assertThat(onFx(() -> view.table().getWidth())).as("the details pane is open at %s", size[0])
                    .isLessThan(size[0] - 250);
            assertThat(onFx(() -> io.pilothouse.views.ColumnsInSight.problems(view.table(),
                    List.of("Time", "Action", "Target", "Outcome")))).as("at %s×%s", size[0], size[1]).isEmpty();
            assertThat(onFx(() -> io.pilothouse.views.ColumnsInSight.scrollsSideways(view.table())))
                    .as("sideways scrolling at %s×%s", size[0], size[1]).isFalse();
        }
    }

    @Test
    void aBrokenChainShowsADangerBannerNamingTheLine() {
        onFx(() -> vm.setEntries(SampleAudit.ALL, AuditVerification.broken(2, 3,
                "line 3 was edited: its hash does not match its content")));
        Label banner = onFx(() -> (Label) view.root().lookup("#audit-banner"));
        assertThat(onFx(banner::getText)).contains("Chain broken").contains("line 3 was edited");
        assertThat(onFx(() -> banner.getPseudoClassStates().contains(Styles.DANGER))).isTrue();
        assertThat(onFx(() -> banner.getPseudoClassStates().contains(Styles.OK))).isFalse();
        // Records on line 3 and after are marked: their content cannot be trusted any more.
        Map<Long, Boolean> untrusted = onFx(() -> view.table().lookupAll(".table-row-cell").stream()
                .map(n -> (TableRow<?>) n).filter(r -> r.getItem() != null)
                .collect(Collectors.toMap(r -> ((AuditEntry) r.getItem()).seq(),
                        r -> r.getPseudoClassStates().contains(AuditStyles.UNTRUSTED))));
        assertThat(untrusted).containsExactlyInAnyOrderEntriesOf(Map.of(1L, false, 2L, false, 3L, true, 4L, true));
    }

    @Test
    void reloadAsksTheAppToReadTheLogAgain(FxRobot robot) {
        robot.clickOn("#audit-refresh");
        robot.type(KeyCode.F5);
        assertThat(refreshes).hasValue(2);
    }

    private List<String> section(String id) {
        return onFx(() -> ((VBox) view.root().lookup(id)).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList());
    }
}
