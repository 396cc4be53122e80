package io.pilothouse.views.timemachine;

/** Style-class names of the time machine bar (controls/time-machine.css), kept beside it like the history view's. */
public final class TimeMachineStyles {

    public static final String BAR = "ph-time-machine";
    public static final String SLIDER = "ph-time-machine-slider";
    public static final String CAPTION = "ph-time-machine-caption";
    public static final String LIVE_BUTTON = "ph-time-machine-live";
    public static final String WARNING = "ph-time-machine-warning";
    /** Pseudo-class on the bar while it shows the past. */
    public static final String PAST = "past";

    private TimeMachineStyles() {
    }
}
