package io.pilothouse.views.wall;

import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * One cluster on the wall: its name (on a line of its own, never covered), state and leader, a mark per member,
 * worst lag and the synchronous rule, active alerts and the data's age. Built once and reused: a new model only
 * changes texts and pseudo-classes, and an equal model changes nothing.
 */
final class WallTile {

    /** Marks drawn before {@code +N}: a 34-replica cluster must not push the tile's text away. */
    static final int MAX_MARKS = 12;

    private final VBox root = new VBox();
    private final Label name = label(WallStyles.TILE_NAME);
    private final Label state = label(WallStyles.TILE_STATE);
    private final Label leader = label(WallStyles.TILE_LINE);
    private final HBox marks = new HBox();
    private final List<Region> markNodes = new ArrayList<>();
    private final Label more = label(WallStyles.MORE_MARKS);
    private final Label lag = label(WallStyles.TILE_LINE);
    private final Label sync = label(WallStyles.TILE_LINE);
    private final Label alerts = label(WallStyles.TILE_LINE);
    private final Label age = label(WallStyles.TILE_AGE);
    private TileModel shown;

    WallTile() {
        root.getStyleClass().add(WallStyles.TILE);
        // A long name wraps (at its hyphens) rather than lose its middle; the state has a line of its own.
        name.setWrapText(true);
        name.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        name.setMaxWidth(Double.MAX_VALUE);
        name.setMinWidth(0);
        HBox stateLine = line(state, alerts);
        marks.getStyleClass().add(WallStyles.MARKS);
        marks.setAlignment(Pos.CENTER_LEFT);
        marks.getChildren().add(more);
        // The synchronous rule goes under the lag when both do not fit across: "sync: none" was cut to "sync: no…".
        javafx.scene.layout.FlowPane lagLine = new javafx.scene.layout.FlowPane(lag, sync);
        lagLine.getStyleClass().add(WallStyles.LAG_LINE);
        lagLine.setAlignment(Pos.BASELINE_LEFT);
        lagLine.setMinWidth(0);
        lag.setMinWidth(Region.USE_PREF_SIZE);
        sync.setMinWidth(Region.USE_PREF_SIZE);
        sync.setTextOverrun(OverrunStyle.ELLIPSIS);
        // Wider than the tile on a line of its own (a long member name): cut at the end rather than overflow.
        sync.maxWidthProperty().bind(lagLine.widthProperty());
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        // The leader and the data's age have lines of their own: at a distance they must never be cut.
        name.setMinHeight(Region.USE_PREF_SIZE);
        leader.setMinHeight(Region.USE_PREF_SIZE);
        age.setMinHeight(Region.USE_PREF_SIZE);
        root.getChildren().addAll(name, stateLine, leader, marks, lagLine, grow, age);
        root.setMinSize(0, 0);
        root.setVisible(false);
    }

    Parent root() {
        return root;
    }

    /** The model drawn, or null while the tile is not used. */
    TileModel shown() {
        return shown;
    }

    /** Draws {@code m}; does nothing when it equals what is drawn. */
    void show(TileModel m) {
        if (m.equals(shown)) {
            return;
        }
        shown = m;
        name.setText(m.name());
        state.setText(m.state().label().toUpperCase(java.util.Locale.ROOT));
        leader.setText(m.leader());
        lag.setText(m.lag());
        sync.setText(m.sync());
        alerts.setText(m.alertsText());
        age.setText(m.age());
        for (TileState s : TileState.values()) {
            root.pseudoClassStateChanged(s.pseudoClass(), s == m.state());
        }
        root.pseudoClassStateChanged(WallStyles.STALE, m.stale());
        showMarks(m.marks());
        root.setVisible(true);
    }

    /** Hides the tile (fewer clusters on this page than tiles). */
    void clear() {
        shown = null;
        root.setVisible(false);
    }

    private void showMarks(List<MarkState> states) {
        int drawn = Math.min(MAX_MARKS, states.size());
        while (markNodes.size() < drawn) {
            Region mark = new Region();
            mark.getStyleClass().add(WallStyles.MARK);
            markNodes.add(mark);
            marks.getChildren().add(marks.getChildren().size() - 1, mark);
        }
        for (int i = 0; i < markNodes.size(); i++) {
            Region mark = markNodes.get(i);
            boolean used = i < drawn;
            mark.setVisible(used);
            mark.setManaged(used);
            for (MarkState s : MarkState.values()) {
                mark.pseudoClassStateChanged(s.pseudoClass(), used && s == states.get(i));
            }
        }
        int hidden = states.size() - drawn;
        more.setText(states.isEmpty() ? "no members known" : hidden > 0 ? "+" + hidden : "");
        more.setVisible(states.isEmpty() || hidden > 0);
        more.setManaged(more.isVisible());
    }

    private static HBox line(Label left, Label right) {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        left.setMinWidth(Region.USE_PREF_SIZE);
        right.setMinWidth(0);
        right.setTextOverrun(OverrunStyle.ELLIPSIS);
        HBox box = new HBox(left, gap, right);
        box.setAlignment(Pos.BASELINE_LEFT);
        box.setSpacing(12);
        return box;
    }

    private static Label label(String styleClass) {
        Label l = new Label();
        l.getStyleClass().add(styleClass);
        return l;
    }
}
