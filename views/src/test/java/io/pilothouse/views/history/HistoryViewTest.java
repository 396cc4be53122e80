package io.pilothouse.views.history;

import io.pilothouse.services.history.HistoryEntry;
import io.pilothouse.services.history.HistoryKind;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.SampleHistory;
import io.pilothouse.views.Styles;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.ZoneId;
import java.util.List;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class HistoryViewTest {

    private HistoryViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new HistoryViewModel(ZoneId.of("UTC"));
        Scene scene = new Scene(new HistoryView(vm).root(), 1000, 800);
        Theme.DARK.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    private static List<Label> chips(FxRobot robot) {
        return List.copyOf(robot.lookup("." + HistoryStyles.KIND_CHIP).queryAllAs(Label.class));
    }

    @Test
    void showsSwitchoverAndFailoverChipsNewestFirst(FxRobot robot) {
        onFx(() -> vm.setData("orders-prod", SampleHistory.ordersHistory()));

        @SuppressWarnings("unchecked")
        ListView<HistoryEntry> list = robot.lookup("#history-list").queryAs(ListView.class);
        assertThat(list.getItems().get(0).kind()).isEqualTo(HistoryKind.TIMELINE);
        assertThat(list.getItems().get(1).kind()).isEqualTo(HistoryKind.SWITCHOVER);
        Label switchover = chips(robot).stream().filter(c -> c.getText().equals("SWITCHOVER")).findFirst()
                .orElseThrow();
        Label failover = chips(robot).stream().filter(c -> c.getText().equals("FAILOVER")).findFirst().orElseThrow();
        assertThat(switchover.getPseudoClassStates()).contains(Styles.INFO).doesNotContain(Styles.DANGER);
        assertThat(failover.getPseudoClassStates()).contains(Styles.DANGER);
        assertThat(chips(robot)).extracting(Label::getText).contains("TIMELINE", "MEMBER LOST", "JOINED");
        assertThat(robot.lookup(".label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("History of orders-prod", "13:45:10");
    }

    @Test
    void isKeyboardNavigable(FxRobot robot) {
        onFx(() -> vm.setData("orders-prod", SampleHistory.ordersHistory()));
        @SuppressWarnings("unchecked")
        ListView<HistoryEntry> list = robot.lookup("#history-list").queryAs(ListView.class);
        onFx(() -> {
            list.requestFocus();
            list.getSelectionModel().select(0);
        });
        robot.type(KeyCode.DOWN, KeyCode.DOWN);
        assertThat(list.getSelectionModel().getSelectedIndex()).isEqualTo(2);
    }

    @Test
    void saysSoWhenNothingWasRecorded(FxRobot robot) {
        onFx(() -> vm.setData("orders-prod", List.of()));
        assertThat(robot.lookup(".label").queryAllAs(Label.class)).extracting(Label::getText)
                .anySatisfy(t -> assertThat(t).startsWith("Nothing recorded yet"));
    }
}
