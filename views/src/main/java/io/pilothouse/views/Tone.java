package io.pilothouse.views;

import javafx.css.PseudoClass;

/** How alarming a piece of information is; maps onto the {@code -ph-ok/info/warn/danger} colour tokens. */
public enum Tone {
    /** Plain information, no colour. */
    NEUTRAL,
    /** Healthy. */
    OK,
    /** Worth knowing, not a problem. */
    INFO,
    /** Needs attention. */
    WARN,
    /** Broken or dangerous right now. */
    DANGER;

    /** The pseudo-class stylesheets hook onto, or null for {@link #NEUTRAL}. */
    public PseudoClass pseudoClass() {
        switch (this) {
            case OK: return Styles.OK;
            case INFO: return Styles.INFO;
            case WARN: return Styles.WARN;
            case DANGER: return Styles.DANGER;
            default: return null;
        }
    }
}
