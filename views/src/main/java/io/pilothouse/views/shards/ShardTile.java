package io.pilothouse.views.shards;

import io.pilothouse.services.shards.map.MapShard;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * One shard drawn as a square whose area is proportional to its bytes (see {@link #side}); a shard of unknown
 * size is drawn at the smallest size, dashed, saying so. Focusable, so Tab and the arrow keys walk the tiles.
 */
final class ShardTile extends VBox {

    /** Smallest side: a tiny shard stays big enough to read its name and click. */
    static final double MIN_SIDE = 128;
    /** Side of the table's largest shard. */
    static final double MAX_SIDE = 184;

    private final Label name = line(ShardStyles.TILE_NAME);
    private final Label bound = line(ShardStyles.TILE_LINE);
    private final Label size = line(ShardStyles.TILE_LINE);
    private final Label rows = line(ShardStyles.TILE_LINE);
    private final Label writes = line(ShardStyles.TILE_LINE);
    private final Tooltip tooltip = new Tooltip();
    private MapShard shard;

    /** @param onFocus called when the tile gains focus (Tab, arrows, a click): focusing selects */
    ShardTile(java.util.function.Consumer<MapShard> onFocus) {
        super(2);
        focusedProperty().addListener((o, was, is) -> {
            if (is && shard != null) {
                onFocus.accept(shard);
            }
        });
        getStyleClass().add(ShardStyles.TILE);
        setAlignment(Pos.TOP_LEFT);
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.BUTTON);
        // A range bound wraps at its arrow rather than losing its end; two lines still fit the smallest tile.
        bound.setWrapText(true);
        getChildren().addAll(name, bound, size, rows, writes);
        Tooltip.install(this, tooltip);
    }

    /** The side of a tile for {@code bytes} when the table's largest shard has {@code largest}: area ∝ bytes. */
    static double side(long bytes, long largest) {
        if (largest <= 0 || bytes <= 0) {
            return MIN_SIDE;
        }
        return Math.max(MIN_SIDE, MAX_SIDE * Math.sqrt(Math.min(1.0, bytes / (double) largest)));
    }

    /** Shows a shard (in place, keeping focus across re-reads of the same layout). */
    void show(MapShard s, long largest, String nodeLabel) {
        shard = s;
        setId(idOf(s.name()));
        double side = s.bytes().isPresent() ? side(s.bytes().getAsLong(), largest) : MIN_SIDE;
        setMinSize(side, side);
        setPrefSize(side, side);
        setMaxSize(side, side);
        name.setText(shortName(s.name()));
        bound.setText(ShardText.bound(s.bound()));
        size.setText(ShardText.size(s.bytes()));
        rows.setText(ShardText.rows(s.rows()));
        writes.setText(ShardText.writes(s.writesPerSecond()));
        String tip = ShardText.tooltip(s, nodeLabel);
        tooltip.setText(tip);
        setAccessibleText(tip.replace('\n', ';'));
        pseudoClassStateChanged(ShardStyles.TROUBLE, s.problem() != null);
        pseudoClassStateChanged(ShardStyles.UNKNOWN_SIZE, s.bytes().isEmpty());
        pseudoClassStateChanged(ShardStyles.FOREIGN, s.foreign());
    }

    /** The node id of a shard's tile: {@code shard-tile-demo-orders_p3} (dots would read as CSS classes). */
    static String idOf(String shardName) {
        return "shard-tile-" + shardName.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    MapShard shard() {
        return shard;
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(ShardStyles.SELECTED, selected);
    }

    /** The tile's side as drawn. */
    double side() {
        return getPrefWidth();
    }

    /** {@code demo.orders_p3} → {@code orders_p3}: the schema is in the table line above. */
    static String shortName(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? qualified : qualified.substring(dot + 1);
    }

    private static Label line(String styleClass) {
        Label l = new Label();
        l.getStyleClass().add(styleClass);
        l.setTextOverrun(OverrunStyle.ELLIPSIS);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }
}
