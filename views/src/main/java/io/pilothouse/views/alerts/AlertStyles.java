package io.pilothouse.views.alerts;

/** Style-class names of the alerts panel and the tree badge (controls/alerts.css). */
public final class AlertStyles {

    public static final String ALERTS = "ph-alerts";
    public static final String TITLE = "ph-alerts-title";
    public static final String SUMMARY = "ph-alerts-summary";
    public static final String TABLE = "ph-alerts-table";
    public static final String SEVERITY_CHIP = "ph-alert-severity";
    public static final String MESSAGE = "ph-alert-message";
    public static final String MESSAGE_TEXT = "ph-alert-message-text";
    /** The alert count on a cluster row of the workspace tree. */
    public static final String BADGE = "ph-alert-badge";

    private AlertStyles() {
    }
}
