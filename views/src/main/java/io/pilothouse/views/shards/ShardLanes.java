package io.pilothouse.views.shards;

import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.shards.map.MapShard;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The lanes of the shown table, side by side in a scroll pane. Lanes are rebuilt only when the set of lanes changes,
 * and tiles only when a lane's shards change, so a re-read every few seconds updates numbers in place and keeps the
 * focus. Up/Down walk a lane's tiles, Left/Right jump to the neighbouring lane; focusing a tile selects it.
 */
final class ShardLanes {

    private final ShardMapViewModel vm;
    private final HBox lanes = new HBox(12);
    private final ScrollPane scroll = new ScrollPane(lanes);
    private final List<ShardLane> laneViews = new ArrayList<>();

    ShardLanes(ShardMapViewModel vm) {
        this.vm = vm;
        lanes.getStyleClass().add(ShardStyles.LANES);
        lanes.setAlignment(Pos.TOP_LEFT);
        scroll.setId("shards-lanes");
        scroll.getStyleClass().add(ShardStyles.LANES);
        scroll.setFocusTraversable(false);
        lanes.addEventFilter(KeyEvent.KEY_PRESSED, this::onArrow);
        lanes.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            for (Node n = e.getPickResult().getIntersectedNode(); n != null && n != lanes; n = n.getParent()) {
                if (n instanceof ShardTile t) {
                    // Consumed: the scroll pane would otherwise take the focus back on the same press.
                    e.consume();
                    t.requestFocus();
                    vm.selectShard(t.shard());
                    return;
                }
            }
        });
    }

    ScrollPane root() {
        return scroll;
    }

    /** Shows a layout (null: none). */
    void show(TableLayout layout, EstateSnapshot estate) {
        scroll.setVisible(layout != null);
        if (layout == null) {
            laneViews.clear();
            lanes.getChildren().clear();
            return;
        }
        boolean same = laneViews.size() == layout.lanes().size();
        for (int i = 0; same && i < laneViews.size(); i++) {
            same = Objects.equals(laneViews.get(i).lane().label(), layout.lanes().get(i).label());
        }
        if (!same) {
            laneViews.clear();
            layout.lanes().forEach(l -> laneViews.add(new ShardLane(vm::selectShard)));
            lanes.getChildren().setAll(laneViews);
        }
        long largest = layout.largestShard();
        for (int i = 0; i < laneViews.size(); i++) {
            laneViews.get(i).show(layout.lanes().get(i), largest);
            laneViews.get(i).showHa(estate);
        }
    }

    void showHa(EstateSnapshot estate) {
        laneViews.forEach(l -> l.showHa(estate));
    }

    void showSelection(MapShard shard) {
        for (ShardLane l : laneViews) {
            for (ShardTile t : l.tiles()) {
                t.setSelected(shard != null && t.shard().name().equals(shard.name()));
            }
        }
    }

    Optional<ShardLane> lane(String label) {
        return laneViews.stream().filter(l -> l.lane().label().equals(label)).findFirst();
    }

    List<String> labels() {
        return laneViews.stream().map(l -> l.lane().label()).toList();
    }

    Optional<Region> tile(String shardName) {
        return laneViews.stream().flatMap(l -> l.tiles().stream()).filter(t -> t.shard().name().equals(shardName))
                .map(t -> (Region) t).findFirst();
    }

    private void onArrow(KeyEvent e) {
        if (!(e.getTarget() instanceof ShardTile tile)) {
            return;
        }
        int lane = -1;
        int index = -1;
        for (int i = 0; i < laneViews.size() && lane < 0; i++) {
            int at = laneViews.get(i).tiles().indexOf(tile);
            if (at >= 0) {
                lane = i;
                index = at;
            }
        }
        if (lane < 0) {
            return;
        }
        int nextLane = lane;
        int nextIndex = index;
        switch (e.getCode()) {
            case UP -> nextIndex--;
            case DOWN -> nextIndex++;
            case LEFT -> nextLane--;
            case RIGHT -> nextLane++;
            case ENTER, SPACE -> {
                vm.selectShard(tile.shard());
                e.consume();
                return;
            }
            default -> {
                return;
            }
        }
        e.consume();
        if (nextLane < 0 || nextLane >= laneViews.size()) {
            return;
        }
        List<ShardTile> tiles = laneViews.get(nextLane).tiles();
        if (tiles.isEmpty() || nextIndex < 0 || nextIndex >= tiles.size() && nextLane == lane) {
            return;
        }
        focus(tiles.get(Math.min(nextIndex, tiles.size() - 1)));
    }

    private void focus(ShardTile t) {
        t.requestFocus();
        vm.selectShard(t.shard());
        // A scroll pane does not follow the focus by itself: keep the tile in sight in a long lane.
        Bounds inLanes = lanes.sceneToLocal(t.localToScene(t.getBoundsInLocal()));
        double hidden = lanes.getHeight() - scroll.getViewportBounds().getHeight();
        if (hidden > 0 && inLanes != null) {
            scroll.setVvalue(Math.max(0, Math.min(1, (inLanes.getMinY() - 40) / hidden)));
        }
    }
}
