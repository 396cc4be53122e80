package io.pilothouse.views.wall;

import io.pilothouse.services.model.Member;
import javafx.css.PseudoClass;

import java.util.Locale;

/** The colour of one member's mark on a tile. */
public enum MarkState {
    /** The leader, up. */
    LEADER,
    /** A replica up and, as far as known, streaming within the lag threshold. */
    UP,
    /** Starting, stopping, restarting, being rebuilt, replaying from the archive, or lagging. */
    BUSY,
    /** Stopped, crashed, failed to start, or lost. */
    DOWN,
    /** Nothing known about its PostgreSQL. */
    UNKNOWN;

    private final PseudoClass pseudoClass = PseudoClass.getPseudoClass("mark-" + name().toLowerCase(Locale.ROOT));

    /** The state of {@code m} whose lag threshold is {@code lagLimit} bytes. */
    public static MarkState of(Member m, long lagLimit) {
        switch (m.state()) {
            case RUNNING:
            case STREAMING:
                if (m.role().isLeaderLike()) {
                    return LEADER;
                }
                Long lag = TileModels.lagBytes(m);
                return lag != null && lag > lagLimit ? BUSY : UP;
            case STOPPED:
            case CRASHED:
            case START_FAILED:
            case RESTART_FAILED:
            case LOST:
                return DOWN;
            case UNKNOWN:
                return UNKNOWN;
            default:
                return BUSY;
        }
    }

    /** The mark's pseudo-class ({@code :mark-up}, ...) in controls/wall.css. */
    public PseudoClass pseudoClass() {
        return pseudoClass;
    }
}
