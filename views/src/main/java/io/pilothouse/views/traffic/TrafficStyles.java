package io.pilothouse.views.traffic;

/** Style-class names of the Traffic tab (controls/traffic.css). */
public final class TrafficStyles {

    public static final String TRAFFIC = "ph-traffic";
    public static final String TITLE = "ph-traffic-title";
    public static final String SECTION = "ph-traffic-section";
    public static final String COMPONENT = "ph-traffic-component";
    public static final String PROBLEM = "ph-traffic-problem";
    public static final String TABLE = "ph-traffic-table";
    public static final String RESULT = "ph-traffic-result";

    private TrafficStyles() {
    }
}
