package io.pilothouse.views.operations;

import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.pilothouse.views.FxTest;
import io.pilothouse.views.ScreenshotRenderer;
import java.nio.file.Path;
import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** Key, current and new value side by side; the rows that change are highlighted and counted. */
@ExtendWith(ApplicationExtension.class)
class ConfigDiffViewTest {

    private ConfigDiffView view;

    @Start
    void start(Stage stage) {
        view = new ConfigDiffView();
        view.setRows(List.of(
                new DiffRow("max_connections", "100", "100"),
                new DiffRow("shared_buffers", "128MB", "2GB"),
                new DiffRow("wal_keep_size", null, "1GB"),
                new DiffRow("work_mem", "4MB", "4MB"),
                new DiffRow("old_setting", "on", null)));
        FxTest.showLight(stage, view.root(), 700, 400);
    }

    @Test
    void changedRowsAreHighlightedAndCounted() {
        Map<String, Boolean> highlighted = onFx(() -> view.table().lookupAll(".table-row-cell").stream()
                .map(n -> (TableRow<?>) n)
                .filter(r -> r.getItem() != null)
                .collect(Collectors.toMap(r -> ((DiffRow) r.getItem()).key(),
                        r -> r.getPseudoClassStates().contains(OperationStyles.CHANGED))));
        assertThat(highlighted).containsExactlyInAnyOrderEntriesOf(Map.of("max_connections", false,
                "shared_buffers", true, "wal_keep_size", true, "work_mem", false, "old_setting", true));
        assertThat(onFx(() -> ((Label) view.root().lookup("#config-diff-summary")).getText()))
                .isEqualTo("3 of 5 settings change");
    }

    @Test
    void showsBothSidesWithADashForAnUnsetValue() {
        List<String> cells = onFx(() -> view.table().lookupAll(".table-cell").stream()
                .map(n -> ((TableCell<?, ?>) n).getText()).filter(t -> t != null).toList());
        assertThat(cells).containsSubsequence("shared_buffers", "128MB", "2GB")
                .containsSubsequence("wal_keep_size", ConfigDiffView.UNSET, "1GB")
                .containsSubsequence("old_setting", "on", ConfigDiffView.UNSET);
    }

    @Test
    void noChangesSaysSo() {
        onFx(() -> view.setRows(List.of(new DiffRow("a", "1", "1"))));
        assertThat(onFx(() -> ((Label) view.root().lookup("#config-diff-summary")).getText()))
                .isEqualTo("No changes (1 settings)");
    }

    @Test
    void renders() {
        Path png = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(view.root().getScene()),
                ScreenshotRenderer.directory().resolve("config-diff.png")));
        assertThat(png).exists();
    }
}
