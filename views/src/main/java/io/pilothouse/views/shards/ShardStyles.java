package io.pilothouse.views.shards;

import javafx.css.PseudoClass;

/** Style-class names of the shard map (controls/shards.css). */
public final class ShardStyles {

    public static final String SHARD_MAP = "ph-shard-map";
    public static final String HEADER = "ph-shard-map-header";
    public static final String TITLE = "ph-shard-map-title";
    public static final String SUMMARY = "ph-shard-map-summary";
    public static final String TABLE_LINE = "ph-shard-table-line";
    public static final String PROBLEM = "ph-shard-problem";
    public static final String EMPTY = "ph-shard-empty";
    public static final String LANES = "ph-shard-lanes";
    public static final String LANE = "ph-shard-lane";
    public static final String LANE_HEADER = "ph-shard-lane-header";
    public static final String LANE_TITLE = "ph-shard-lane-title";
    public static final String LANE_ENDPOINT = "ph-shard-lane-endpoint";
    public static final String LANE_TOTAL = "ph-shard-lane-total";
    public static final String HA_BADGE = "ph-shard-ha";
    public static final String TILE = "ph-shard-tile";
    public static final String TILE_NAME = "ph-shard-tile-name";
    public static final String TILE_LINE = "ph-shard-tile-line";
    public static final String DETAILS = "ph-shard-details";
    public static final String DETAILS_TITLE = "ph-shard-details-title";
    public static final String DETAILS_KEY = "ph-shard-details-key";
    public static final String DETAILS_VALUE = "ph-shard-details-value";
    /** The main window header's "Shards" button. */
    public static final String OPEN_BUTTON = "ph-shard-map-open-button";

    /** A tile or lane with something wrong (no home, unreachable node, remote table missing). */
    public static final PseudoClass TROUBLE = PseudoClass.getPseudoClass("trouble");
    /** A tile whose size could not be read: drawn dashed. */
    public static final PseudoClass UNKNOWN_SIZE = PseudoClass.getPseudoClass("unknown-size");
    /** A tile of a foreign (postgres_fdw) partition. */
    public static final PseudoClass FOREIGN = PseudoClass.getPseudoClass("foreign");
    /** The selected tile. */
    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private ShardStyles() {
    }
}
