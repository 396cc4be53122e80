package io.pilothouse.views.activity;

/** Style-class names of the activity window (controls/activity.css). */
public final class ActivityStyles {

    public static final String ACTIVITY = "ph-activity";
    public static final String HEADER = "ph-activity-header";
    public static final String TITLE = "ph-activity-title";
    public static final String SUMMARY = "ph-activity-summary";
    public static final String ERROR = "ph-activity-error";
    public static final String FIGURE = "ph-activity-figure";
    public static final String FIGURE_VALUE = "ph-activity-figure-value";
    public static final String FIGURE_NAME = "ph-activity-figure-name";
    public static final String TABLE = "ph-activity-table";
    public static final String ACTIONS = "ph-activity-actions";
    public static final String RESULT = "ph-activity-result";
    public static final String SPARKLINE = "ph-sparkline";
    public static final String SPARKLINE_LINE = "ph-sparkline-line";
    /** The main window header's "Activity" button. */
    public static final String OPEN_BUTTON = "ph-activity-open-button";

    private ActivityStyles() {
    }
}
