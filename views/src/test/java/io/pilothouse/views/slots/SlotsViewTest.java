package io.pilothouse.views.slots;

import io.pilothouse.services.model.ReplicationSlot;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.SampleHistory;
import io.pilothouse.views.Styles;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class SlotsViewTest {

    private SlotsViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new SlotsViewModel(ZoneId.of("UTC"));
        SlotsView view = new SlotsView(vm);
        Scene scene = new Scene(view.root(), 1300, 800);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @SuppressWarnings("unchecked")
    private static TableView<ReplicationSlot> table(FxRobot robot, String node) {
        return (TableView<ReplicationSlot>) robot.lookup("#slots-" + node).query();
    }

    private static Set<javafx.css.PseudoClass> rowStates(FxRobot robot, String node, String slot) {
        return onFx(() -> robot.lookup("#slots-" + node).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() != null && ((ReplicationSlot) r.getItem()).name().equals(slot))
                .findFirst().orElseThrow().getPseudoClassStates());
    }

    @Test
    void listsTheGivenSlotsPerNodeAndFlagsTheInactiveOne(FxRobot robot) {
        onFx(() -> vm.setData(List.of(SampleHistory.ordersLeader(), SampleHistory.ordersReplica(),
                SampleHistory.ordersReplicaNoSlots()), "pg-orders-1", SampleEstates.NOW));

        assertThat(table(robot, "pg-orders-1").getItems()).extracting(ReplicationSlot::name)
                .containsExactly("pg_orders_2", "pg_orders_3", "barman_old", "debezium_orders", "airbyte_sync");
        assertThat(table(robot, "pg-orders-2").getItems()).extracting(ReplicationSlot::name)
                .containsExactly("pg_orders_cascade");
        assertThat(table(robot, "pg-orders-3").getItems()).isEmpty();

        assertThat(rowStates(robot, "pg-orders-1", "barman_old")).contains(Styles.WARN);
        assertThat(rowStates(robot, "pg-orders-1", "airbyte_sync")).contains(Styles.DANGER);
        assertThat(rowStates(robot, "pg-orders-1", "pg_orders_2")).doesNotContain(Styles.WARN, Styles.DANGER);
        assertThat(robot.lookup("#slots-pg-orders-1").lookup(".table-cell")
                .queryAllAs(javafx.scene.control.TableCell.class))
                .extracting(c -> c.getText()).contains("35.2 GiB", "2026-11-20 08:20:10 (1 d 6 h ago)", "inactive, holding WAL");
    }

    @Test
    void showsTheLeadersArchiverStatus(FxRobot robot) {
        onFx(() -> vm.setData(List.of(SampleHistory.ordersLeader()), "pg-orders-1", SampleEstates.NOW));
        Label archiver = robot.lookup("#slots-archiver").queryAs(Label.class);
        assertThat(archiver.getText()).startsWith("pg-orders-1 · WAL archiving on · 18223 archived")
                .contains("3 failed, last 000000040000001A00000041").doesNotContain("FAILING");
        assertThat(archiver.getPseudoClassStates()).doesNotContain(Styles.DANGER);
    }

    @Test
    void sortsRetainedWalByBytesAndNavigatesByKeyboard(FxRobot robot) {
        onFx(() -> vm.setData(List.of(SampleHistory.ordersLeader()), "pg-orders-1", SampleEstates.NOW));
        TableView<ReplicationSlot> t = table(robot, "pg-orders-1");
        onFx(() -> {
            var retained = t.getColumns().stream().filter(c -> c.getText().equals("WAL retained")).findFirst()
                    .orElseThrow();
            retained.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
            t.getSortOrder().setAll(List.of(retained));
        });
        assertThat(t.getItems()).extracting(ReplicationSlot::name)
                .startsWith("airbyte_sync", "barman_old", "debezium_orders");

        robot.clickOn(robot.lookup("#slots-pg-orders-1").lookup(".table-row-cell").nth(0).queryAs(TableRow.class));
        robot.type(KeyCode.DOWN);
        assertThat(t.getSelectionModel().getSelectedItem().name()).isEqualTo("barman_old");
    }
}
