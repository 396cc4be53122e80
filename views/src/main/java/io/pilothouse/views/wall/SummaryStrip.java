package io.pilothouse.views.wall;

import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Subscription;

import java.util.EnumMap;
import java.util.Map;

/**
 * The strip above the grid: the workspace, a READ-ONLY WALL mark, how many clusters are in each state (every page,
 * worst first), the paging words and the time of the last update.
 */
final class SummaryStrip {

    private final HBox root = new HBox();
    private final Map<TileState, Label> counts = new EnumMap<>(TileState.class);
    private final Label paging = new Label();
    private final Label updated = new Label();
    private final Subscription subscriptions;

    SummaryStrip(WallViewModel vm) {
        root.getStyleClass().add(WallStyles.STRIP);
        root.setAlignment(Pos.CENTER_LEFT);
        Label title = new Label();
        title.getStyleClass().add(WallStyles.STRIP_TITLE);
        title.textProperty().bind(vm.workspaceProperty().map(w -> w == null || w.isBlank() ? "Pilothouse" : w));
        title.setMinWidth(0);
        Label readOnly = new Label("READ-ONLY WALL");
        readOnly.getStyleClass().add(WallStyles.READ_ONLY);
        readOnly.setMinWidth(Region.USE_PREF_SIZE);
        root.getChildren().addAll(title, readOnly);
        for (TileState s : TileState.values()) {
            Label count = new Label();
            count.setId("wall-count-" + s.pseudoClass().getPseudoClassName());
            count.getStyleClass().add(WallStyles.STRIP_COUNT);
            count.pseudoClassStateChanged(s.pseudoClass(), true);
            count.setMinWidth(Region.USE_PREF_SIZE);
            counts.put(s, count);
            root.getChildren().add(count);
        }
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        paging.getStyleClass().add(WallStyles.STRIP_TEXT);
        paging.setId("wall-paging");
        paging.textProperty().bind(vm.pagingProperty());
        paging.setMinWidth(0);
        updated.getStyleClass().add(WallStyles.STRIP_TEXT);
        updated.setId("wall-updated");
        updated.setMinWidth(0);
        root.getChildren().addAll(gap, paging, updated);
        // Never wider than the screen: what does not fit is cut at the right edge, the counts first in line.
        root.setMinWidth(0);
        subscriptions = vm.countsProperty().subscribe(this::showCounts);
    }

    Parent root() {
        return root;
    }

    /** The count label of one state (tests read its text). */
    Label count(TileState state) {
        return counts.get(state);
    }

    /** {@code updated 03:41:07}: the time the wall last drew, so a frozen screen shows itself. */
    void updatedAt(String clock) {
        updated.setText("updated " + clock);
    }

    void dispose() {
        subscriptions.unsubscribe();
    }

    private void showCounts(Map<TileState, Integer> perState) {
        for (TileState s : TileState.values()) {
            int n = perState.getOrDefault(s, 0);
            Label count = counts.get(s);
            count.setText(n + " " + s.label());
            count.pseudoClassStateChanged(WallStyles.ZERO, n == 0);
        }
    }
}
