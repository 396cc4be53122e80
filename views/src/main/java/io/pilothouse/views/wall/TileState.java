package io.pilothouse.views.wall;

import javafx.css.PseudoClass;

import java.util.Locale;

/** A cluster's state on the wall, declared worst first: the grid's order and the summary strip's. */
public enum TileState {
    /** Live data says no member holds the leader key: writes are down. */
    NO_LEADER("no leader"),
    /** A critical alert is active (a replica not streaming, a lease about to expire, ...). */
    CRITICAL("critical"),
    /** The topology is not live: the tile shows the last good state, greyed, with the data's age. */
    STALE("stale"),
    /** A replica is behind by more than the cluster's lag threshold. */
    LAGGING("lagging"),
    /** A warning alert is active. */
    WARNING("warning"),
    /** A leader, live data, nothing active. */
    HEALTHY("healthy");

    private final String label;
    private final PseudoClass pseudoClass;

    TileState(String label) {
        this.label = label;
        this.pseudoClass = PseudoClass.getPseudoClass(name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** Words for the summary strip and the tile's state line. */
    public String label() {
        return label;
    }

    /** The tile's pseudo-class ({@code :no-leader}, {@code :stale}, ...) in controls/wall.css. */
    public PseudoClass pseudoClass() {
        return pseudoClass;
    }
}
