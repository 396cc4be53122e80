package io.pilothouse.views.history;

/**
 * Style-class names of the history view (controls/history.css). Kept beside the view rather than in the shared
 * {@code Styles} so parallel work on other views does not collide; chips use the shared tone pseudo-classes.
 */
public final class HistoryStyles {

    public static final String HISTORY = "ph-history";
    public static final String TITLE = "ph-history-title";
    public static final String LIST = "ph-history-list";
    public static final String ENTRY = "ph-history-entry";
    public static final String TIME = "ph-history-time";
    public static final String DATE = "ph-history-date";
    public static final String RAIL = "ph-history-rail";
    public static final String KIND_CHIP = "ph-history-kind";
    public static final String DETAIL = "ph-history-detail";

    private HistoryStyles() {
    }
}
