package io.pilothouse.views.wall;

import javafx.css.PseudoClass;

/** Style-class and pseudo-class names of the wall (controls/wall.css). */
public final class WallStyles {

    public static final String WALL = "ph-wall";
    public static final String GRID = "ph-wall-grid";
    public static final String TILE = "ph-wall-tile";
    public static final String TILE_NAME = "ph-wall-tile-name";
    public static final String TILE_STATE = "ph-wall-tile-state";
    public static final String TILE_LINE = "ph-wall-tile-line";
    public static final String TILE_AGE = "ph-wall-tile-age";
    public static final String MARKS = "ph-wall-marks";
    /** The lag and the synchronous rule: on one line, or the rule under the lag when both do not fit. */
    public static final String LAG_LINE = "ph-wall-lag-line";
    public static final String MARK = "ph-wall-mark";
    public static final String MORE_MARKS = "ph-wall-more-marks";
    public static final String STRIP = "ph-wall-strip";
    public static final String STRIP_TITLE = "ph-wall-strip-title";
    public static final String STRIP_COUNT = "ph-wall-strip-count";
    public static final String STRIP_TEXT = "ph-wall-strip-text";
    public static final String READ_ONLY = "ph-wall-read-only";
    public static final String EMPTY = "ph-wall-empty";

    /** On the scene root with the wall's own {@code :wall}: the larger type of {@code --large}. */
    public static final PseudoClass LARGE = PseudoClass.getPseudoClass("wall-large");
    /** On a tile whose data is not live: greyed, never green. */
    public static final PseudoClass STALE = PseudoClass.getPseudoClass("stale-data");
    /** On a strip count that is zero. */
    public static final PseudoClass ZERO = PseudoClass.getPseudoClass("zero");

    private WallStyles() {
    }
}
