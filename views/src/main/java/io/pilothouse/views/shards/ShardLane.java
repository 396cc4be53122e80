package io.pilothouse.views.shards;

import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.views.Tone;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * One node's column: its label, endpoint, HA badge from the live model, total and share of the table, then its
 * shards as tiles (two abreast at most).
 */
final class ShardLane extends VBox {

    /** Two of the largest tiles abreast, the 8 px gap, the 10 px padding and up to 2 px of border on each side. */
    static final double WIDTH = 2 * ShardTile.MAX_SIDE + 8 + 2 * 10 + 2 * 2;

    private final Label title = new Label();
    private final Label endpoint = new Label();
    private final Label badge = new Label();
    private final Label total = new Label();
    private final Tooltip badgeTip = new Tooltip();
    private final FlowPane tiles = new FlowPane(8, 8);
    private final List<ShardTile> tileList = new ArrayList<>();
    private TableLayout.Lane lane;

    private final java.util.function.Consumer<MapShard> onFocus;

    ShardLane(java.util.function.Consumer<MapShard> onFocus) {
        super(6);
        this.onFocus = onFocus;
        getStyleClass().add(ShardStyles.LANE);
        title.getStyleClass().add(ShardStyles.LANE_TITLE);
        endpoint.getStyleClass().add(ShardStyles.LANE_ENDPOINT);
        badge.getStyleClass().add(ShardStyles.HA_BADGE);
        badge.setWrapText(true);
        badge.setTooltip(badgeTip);
        total.getStyleClass().add(ShardStyles.LANE_TOTAL);
        VBox header = new VBox(2, title, endpoint, badge, total);
        header.getStyleClass().add(ShardStyles.LANE_HEADER);
        tiles.setPrefWrapLength(2 * ShardTile.MAX_SIDE + 8);
        tiles.setRowValignment(javafx.geometry.VPos.TOP);
        tiles.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        getChildren().addAll(header, tiles);
        setMinWidth(WIDTH);
        setPrefWidth(WIDTH);
        setMaxWidth(WIDTH);
        setMaxHeight(Region.USE_PREF_SIZE);
    }

    /** Shows a lane; tiles are reused when the lane's shards are the same ones, in the same order. */
    void show(TableLayout.Lane l, long largest) {
        lane = l;
        setId("shard-lane-" + l.label());
        title.setText(l.label());
        endpoint.setText(l.node() == null ? "shards whose node is not known"
                : l.node().endpoint() + " / " + l.node().database());
        total.setText(l.sizeUnknown() ? ShardText.plural(l.shards().size(), "shard") + " · size unknown"
                : ShardText.plural(l.shards().size(), "shard") + " · " + ShardText.size(java.util.OptionalLong.of(l.bytes()))
                + (l.share().isPresent() ? " · " + ShardText.share(l.share().getAsDouble()) + " of the table" : ""));
        boolean same = tileList.size() == l.shards().size();
        for (int i = 0; same && i < tileList.size(); i++) {
            same = tileList.get(i).shard().name().equals(l.shards().get(i).name());
        }
        if (!same) {
            tileList.clear();
            for (int i = 0; i < l.shards().size(); i++) {
                tileList.add(new ShardTile(onFocus));
            }
            tiles.getChildren().setAll(tileList);
        }
        for (int i = 0; i < tileList.size(); i++) {
            tileList.get(i).show(l.shards().get(i), largest, l.label());
        }
        pseudoClassStateChanged(ShardStyles.TROUBLE, l.node() == null
                || l.node().reach() != io.pilothouse.services.shards.map.NodeReach.READ);
    }

    /** Shows the node's HA state as the live model has it. */
    void showHa(EstateSnapshot estate) {
        NodeHa ha = lane.node() == null
                ? new NodeHa("no node: these shards have no home", Tone.DANGER) : NodeHa.of(lane.node(), estate);
        badge.setText(ha.text());
        badgeTip.setText(ha.text());
        for (Tone t : Tone.values()) {
            if (t.pseudoClass() != null) {
                badge.pseudoClassStateChanged(t.pseudoClass(), t == ha.tone());
            }
        }
    }

    List<ShardTile> tiles() {
        return tileList;
    }

    TableLayout.Lane lane() {
        return lane;
    }

    Label badge() {
        return badge;
    }

    /** Index of a shard's tile, or -1. */
    int indexOf(MapShard s) {
        for (int i = 0; i < tileList.size(); i++) {
            if (tileList.get(i).shard().name().equals(s.name())) {
                return i;
            }
        }
        return -1;
    }
}
