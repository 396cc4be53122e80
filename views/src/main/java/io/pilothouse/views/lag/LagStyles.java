package io.pilothouse.views.lag;

/** Style-class names of the lag chart (styles/controls/lag-chart.css). */
final class LagStyles {

    private LagStyles() {
    }

    static final String VIEW = "ph-lag-chart-view";
    static final String TOOLBAR = "ph-lag-chart-toolbar";
    static final String TITLE = "ph-lag-chart-title";
    static final String CHART = "ph-lag-chart";
    static final String THRESHOLD = "ph-lag-threshold";
    static final String LEADER_CHANGE = "ph-lag-leader-change";
    static final String STATUS = "ph-lag-chart-status";
}
