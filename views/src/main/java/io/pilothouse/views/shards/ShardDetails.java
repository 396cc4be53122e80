package io.pilothouse.views.shards;

import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.MapShard;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The selected shard in full: remote table, node, bound, exact bytes, rows, writes/s, problem. */
final class ShardDetails {

    private final VBox box = new VBox(8);
    private final ScrollPane scroll = new ScrollPane(box);
    private final Label title = new Label();
    private final GridPane grid = new GridPane();
    private final javafx.scene.control.Button move = new javafx.scene.control.Button("Move or split…");
    private java.util.function.BiConsumer<io.pilothouse.services.shards.map.ShardMap, MapShard> onMove;
    private MapShard shown;
    private TableLayout shownIn;

    ShardDetails() {
        box.getStyleClass().add(ShardStyles.DETAILS);
        scroll.getStyleClass().add(ShardStyles.DETAILS);
        scroll.setId("shards-details");
        scroll.setFitToWidth(true);
        scroll.setPrefWidth(300);
        scroll.setMinWidth(260);
        title.getStyleClass().add(ShardStyles.DETAILS_TITLE);
        title.setWrapText(true);
        grid.setHgap(10);
        grid.setVgap(6);
        move.setId("shards-details-move");
        move.setMnemonicParsing(false);
        move.setOnAction(e -> {
            if (onMove != null && shown != null && shownIn != null) {
                onMove.accept(shownIn.map(), shown);
            }
        });
        box.getChildren().addAll(title, grid, move);
        show(null, null);
    }

    /**
     * What "Move or split…" does with the selected partition of a native map (open the resharding wizard on it); the
     * button is hidden while this is null, and for application or Citus maps, which those commands do not move.
     */
    void setOnMove(java.util.function.BiConsumer<io.pilothouse.services.shards.map.ShardMap, MapShard> action) {
        this.onMove = action;
        show(shown, shownIn);
    }

    Parent root() {
        return scroll;
    }

    void show(MapShard s, TableLayout layout) {
        shown = s;
        shownIn = layout;
        boolean movable = s != null && layout != null && onMove != null
                && layout.map().kind() == io.pilothouse.services.shards.map.MapKind.NATIVE_PARTITIONING;
        move.setVisible(movable);
        move.setManaged(movable);
        grid.getChildren().clear();
        if (s == null) {
            title.setText("Select a shard (click, Tab or arrow keys) to see it in full.");
            title.setId("shards-details-title");
            return;
        }
        title.setText(s.name());
        title.setId("shards-details-title");
        MapNode node = layout == null || s.nodeId() == null ? null : layout.map().node(s.nodeId()).orElse(null);
        int row = 0;
        row = add(row, "Table there", s.remoteTable() == null ? "unknown" : s.remoteTable());
        row = add(row, "Node", node == null ? (s.nodeId() == null ? "none: no home" : s.nodeId())
                : node.label() + " (" + node.endpoint() + " / " + node.database() + ")");
        row = add(row, "Kind", s.foreign() ? "foreign table (postgres_fdw)" : "local");
        row = add(row, "Bound", s.bound().display());
        row = add(row, "Size", ShardText.exactSize(s.bytes()));
        row = add(row, "Rows", ShardText.rows(s.rows()));
        row = add(row, "Writes", ShardText.writes(s.writesPerSecond()));
        if (s.problem() != null) {
            Label problem = value(s.problem());
            problem.getStyleClass().add(ShardStyles.PROBLEM);
            problem.setId("shards-details-problem");
            grid.addRow(row, key("Problem"), problem);
        }
    }

    private int add(int row, String key, String value) {
        Label v = value(value);
        v.setId("shards-details-" + key.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        grid.addRow(row, key(key), v);
        return row + 1;
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(ShardStyles.DETAILS_KEY);
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    private static Label value(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(ShardStyles.DETAILS_VALUE);
        l.setWrapText(true);
        return l;
    }
}
