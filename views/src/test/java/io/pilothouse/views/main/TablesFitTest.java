package io.pilothouse.views.main;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.views.FxTest;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.SampleHistory;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * At the default 1440×900 and at 1280×800, the slots table's key columns are in sight, and empty side panes give
 * their room to the tables.
 */
@ExtendWith(ApplicationExtension.class)
class TablesFitTest {

    private final LatestEstate estate = new LatestEstate("Demo", false);
    private MainView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        estate.put(SampleEstates.ordersProd().toBuilder().slots(List.of(SampleHistory.ordersLeader(),
                SampleHistory.ordersReplica())).build());
        view = MainView.builder(estate).clock(SampleEstates.CLOCK).build();
        FxTest.showLight(stage, view.root(), 1440, 900);
    }

    @AfterEach
    void dispose() {
        onFx(view::dispose);
    }

    private void size(double w, double h) {
        onFx(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
            view.refreshNow();
            view.showPane("slots");
        });
        // The window's new size reaches the scene a pulse later; lay out again once it has.
        waitUntil(() -> Math.abs(view.root().getScene().getWidth() - w) < 1);
        onFx(() -> {
            view.root().applyCss();
            view.root().layout();
        });
    }

    /** The part of the "Attention" header of the first slots table that is inside the table, in pixels. */
    private double attentionHeaderVisibleWidth() {
        return onFx(() -> {
            TableView<?> table = (TableView<?>) view.root().lookup("#slots-pg-orders-1");
            Node header = table.lookupAll(".column-header").stream()
                    .filter(n -> n.lookup(".label") instanceof Label l && "Attention".equals(l.getText()))
                    .findFirst().orElseThrow();
            Bounds h = header.localToScene(header.getBoundsInLocal());
            Bounds t = table.localToScene(table.getBoundsInLocal());
            return Math.min(h.getMaxX(), t.getMaxX()) - Math.max(h.getMinX(), t.getMinX());
        });
    }

    private double width(String selector) {
        return onFx(() -> {
            Node n = view.root().lookup(selector);
            return n == null || n.getScene() == null ? 0 : n.getBoundsInParent().getWidth();
        });
    }

    @Test
    void theAttentionColumnIsInSightAt1440By900EvenWithAMemberSelected() {
        size(1440, 900);
        assertThat(attentionHeaderVisibleWidth()).isGreaterThan(150);
        onFx(() -> view.selectMember("pg-orders-2"));
        size(1440, 900);
        assertThat(attentionHeaderVisibleWidth()).isGreaterThan(150);
    }

    @Test
    void theAttentionColumnIsInSightAt1280By800() {
        size(1280, 800);
        assertThat(attentionHeaderVisibleWidth()).isGreaterThan(150);
    }

    @Test
    void theEmptyDetailsPaneTakesNoRoomAndTheSidePanesCanBeHidden() {
        size(1440, 900);
        double withTree = width(".tab-pane");
        assertThat(withTree).as("cluster panes with no member selected").isGreaterThan(1100);
        onFx(() -> view.selectMember("pg-orders-2"));
        size(1440, 900);
        assertThat(width(".tab-pane")).as("the details pane opened").isLessThan(withTree - 250);
        onFx(() -> {
            view.detailsPaneShownProperty().set(false);
            view.workspacePaneShownProperty().set(false);
        });
        size(1440, 900);
        assertThat(width(".tab-pane")).as("both side panes hidden").isGreaterThan(1400);
    }
}
