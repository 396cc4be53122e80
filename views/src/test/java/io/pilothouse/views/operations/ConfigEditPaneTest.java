package io.pilothouse.views.operations;

import io.pilothouse.styles.Theme;
import io.pilothouse.views.FxTest;
import io.pilothouse.views.ScreenshotRenderer;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** Preview shows the diff; apply waits for a valid preview of the text as it stands; then confirm by name. */
@ExtendWith(ApplicationExtension.class)
class ConfigEditPaneTest {

    private static final String CURRENT = """
            {
              "loop_wait" : 10,
              "ttl" : 30,
              "retry_timeout" : 10,
              "maximum_lag_on_failover" : 1048576,
              "postgresql" : {
                "parameters" : {
                  "max_connections" : 100,
                  "work_mem" : "4MB"
                },
                "use_pg_rewind" : true
              }
            }""";

    private ConfigEditPane pane;
    private Stage stage;
    private final List<List<String>> asked = new ArrayList<>();
    private final AtomicReference<List<String>> applied = new AtomicReference<>();
    private final AtomicReference<OperationProgressPane> operation = new AtomicReference<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        // Stands in for the app: loop_wait below ttl/2 is "valid", ttl=5 is not; anything else is a parse error.
        Function<List<String>, CompletionStage<ConfigEditModel.Preview>> previewer = lines -> {
            asked.add(lines);
            List<DiffRow> rows = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (String l : lines) {
                switch (l) {
                    case "loop_wait=5" -> rows.add(new DiffRow("loop_wait", "10", "5"));
                    case "postgresql.parameters.work_mem=16MB" ->
                            rows.add(new DiffRow("postgresql.parameters.work_mem", "4MB", "16MB"));
                    case "maximum_lag_on_failover=null" -> rows.add(new DiffRow("maximum_lag_on_failover",
                            "1048576", null));
                    case "loop_wait=10" -> { }
                    case "postgresql.parameters.shared_buffers=1GB" -> rows.add(new DiffRow(
                            "postgresql.parameters.shared_buffers", null, "1GB", "128MB", "needs a restart"));
                    case "ttl=5" -> {
                        rows.add(new DiffRow("ttl", "30", "5"));
                        problems.add("ttl (5) must be at least 20 s");
                        problems.add("loop_wait + 2 \u00d7 retry_timeout (30) must be below ttl (5)");
                    }
                    default -> {
                        return CompletableFuture.failedFuture(new IllegalArgumentException("'" + l
                                + "' is not an assignment; write KEY=VALUE"));
                    }
                }
            }
            // Completes on another thread, as the app's does.
            return CompletableFuture.supplyAsync(() -> new ConfigEditModel.Preview(rows, problems));
        };
        ConfigEditModel model = new ConfigEditModel("demo", new ConfigEditActions() {
            @Override
            public CompletableFuture<String> read() {
                return CompletableFuture.completedFuture(CURRENT);
            }

            @Override
            public CompletionStage<ConfigEditModel.Preview> preview(List<String> lines) {
                return previewer.apply(lines);
            }

            @Override
            public CompletableFuture<OperationActions.Verified> apply(List<String> lines, Consumer<String> progress) {
                applied.set(lines);
                operation.set(pane.operation());
                return new CompletableFuture<>();
            }
        }, Platform::runLater);
        pane = new ConfigEditPane(model, Platform::runLater);
        model.setCurrentConfiguration(CURRENT);
        FxTest.showLight(stage, pane.root(), 1000, 720);
    }

    private boolean applyDisabled() {
        return onFx(() -> pane.applyButton().isDisabled());
    }

    private void previewWith(String text) {
        int before = asked.size();
        onFx(() -> pane.changesArea().setText(text));
        onFx(pane::preview);
        waitUntil(() -> asked.size() > before && !pane.previewButton().isDisabled());
    }

    @Test
    void previewShowsTheDiffRowsAndEnablesApply() {
        assertThat(applyDisabled()).isTrue();
        previewWith("loop_wait=5\n# a comment\n\npostgresql.parameters.work_mem=16MB\nmaximum_lag_on_failover=null");
        assertThat(asked.get(0)).containsExactly("loop_wait=5", "postgresql.parameters.work_mem=16MB",
                "maximum_lag_on_failover=null");
        waitUntil(() -> pane.diffView().table().getItems().size() == 3);
        assertThat(onFx(() -> pane.diffView().table().getItems().get(1)))
                .isEqualTo(new DiffRow("postgresql.parameters.work_mem", "4MB", "16MB"));
        assertThat(applyDisabled()).isFalse();
        Path png = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(stage.getScene()),
                ScreenshotRenderer.directory().resolve("opsui-config-preview.png")));
        assertThat(png).exists();
    }

    @Test
    void aParameterShowsTheValueInEffectAndThatItNeedsARestart() {
        previewWith("postgresql.parameters.shared_buffers=1GB\nloop_wait=5");
        waitUntil(() -> pane.diffView().table().getItems().size() == 2);
        var table = pane.diffView().table();
        assertThat(onFx(() -> table.getColumns().stream().map(c -> c.getText()).toList()))
                .contains("In effect on the leader", "Change applies");
        assertThat(onFx(() -> table.getColumns().get(3).getCellData(0))).isEqualTo("128MB");
        assertThat(onFx(() -> table.getColumns().get(4).getCellData(0))).isEqualTo("needs a restart");
        assertThat(onFx(() -> ((javafx.scene.control.Label) pane.diffView().root().lookup("#config-diff-summary"))
                .getText())).contains("1 needs a restart of every member");
        for (Theme theme : Theme.values()) {
            Path png = onFx(() -> {
                theme.applyTo(stage.getScene());
                pane.root().applyCss();
                pane.root().layout();
                return ScreenshotRenderer.write(ScreenshotRenderer.snapshot(stage.getScene()),
                        ScreenshotRenderer.directory().resolve("config-parameters-" + theme.name().toLowerCase()
                                + ".png"));
            });
            assertThat(png).exists();
        }
    }

    @Test
    void validationProblemsDisableApplyAndAreListed() {
        previewWith("ttl=5");
        waitUntil(() -> pane.problemsLabel().isVisible());
        assertThat(onFx(() -> pane.problemsLabel().getText())).contains("ttl (5) must be at least 20 s")
                .contains("must be below ttl");
        assertThat(onFx(() -> pane.diffView().table().getItems())).hasSize(1);
        assertThat(applyDisabled()).isTrue();
        Path png = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(stage.getScene()),
                ScreenshotRenderer.directory().resolve("opsui-config-problems.png")));
        assertThat(png).exists();
    }

    @Test
    void nothingToChangeAndParseErrorsKeepApplyDisabled() {
        previewWith("loop_wait=10");
        waitUntil(() -> pane.problemsLabel().isVisible());
        assertThat(onFx(() -> pane.problemsLabel().getText())).contains("Nothing changes");
        assertThat(applyDisabled()).isTrue();
        previewWith("loop_wait");
        waitUntil(() -> pane.problemsLabel().getText().contains("not an assignment"));
        assertThat(applyDisabled()).isTrue();
    }

    @Test
    void editingAfterThePreviewDisablesApplyUntilPreviewedAgain(FxRobot robot) {
        previewWith("loop_wait=5");
        assertThat(applyDisabled()).isFalse();
        robot.clickOn("#config-changes").type(KeyCode.END).write("0");
        assertThat(applyDisabled()).isTrue();
    }

    @Test
    void applyAsksForTheNameThenHandsThePreviewedLinesToTheApp(FxRobot robot) {
        previewWith("loop_wait=5");
        robot.clickOn("#config-apply");
        assertThat(onFx(() -> pane.pageProperty().get())).isEqualTo(ConfigEditModel.Page.OPERATION);
        assertThat(onFx(() -> pane.operation().confirmButton().getText()))
                .isEqualTo("Change the configuration of demo");
        assertThat(onFx(() -> ((javafx.scene.control.Label) pane.root().lookup("#confirm-impact")).getText()))
                .contains("loop_wait: 10 \u2192 5");
        robot.write("demo").type(KeyCode.ENTER);
        assertThat(applied.get()).containsExactly("loop_wait=5");
        assertThat(onFx(() -> operation.get().stepProperty().get()))
                .isEqualTo(OperationProgressModel.Step.RUNNING);
    }

    @Test
    void cancellingTheConfirmationGoesBackToTheEdit(FxRobot robot) {
        previewWith("loop_wait=5");
        robot.clickOn("#config-apply").type(KeyCode.ESCAPE);
        assertThat(onFx(() -> pane.pageProperty().get())).isEqualTo(ConfigEditModel.Page.EDIT);
        assertThat(applied.get()).isNull();
        assertThat(applyDisabled()).isFalse();
    }
}
