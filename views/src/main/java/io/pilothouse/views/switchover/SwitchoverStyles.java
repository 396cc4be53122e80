package io.pilothouse.views.switchover;

import javafx.css.PseudoClass;

/** Style-class and pseudo-class names of the wizard (controls/switchover.css). */
public final class SwitchoverStyles {

    public static final String WIZARD = "ph-switchover-wizard";
    public static final String TITLE = "ph-switchover-title";
    public static final String MATRIX = "ph-check-matrix";
    public static final String CELL = "ph-check-cell";
    public static final String REASONS = "ph-check-reasons";
    public static final String PROGRESS = "ph-switchover-progress";
    public static final String SUMMARY = "ph-switchover-summary";
    public static final String VERIFICATION = "ph-verification";
    public static final String FIGURES = "ph-switchover-figures";
    public static final String ERROR = "ph-switchover-error";

    public static final PseudoClass PASS = PseudoClass.getPseudoClass("pass");
    public static final PseudoClass WARN = PseudoClass.getPseudoClass("warn");
    public static final PseudoClass FAIL = PseudoClass.getPseudoClass("fail");

    private SwitchoverStyles() {
    }

    /** The pseudo-class of a verdict. */
    static PseudoClass of(io.pilothouse.services.switchover.Verdict v) {
        return switch (v) {
            case PASS -> PASS;
            case WARN -> WARN;
            case FAIL -> FAIL;
        };
    }

    /** A verdict as a word with a symbol, so colour is never the only signal. */
    static String mark(io.pilothouse.services.switchover.Verdict v) {
        return switch (v) {
            case PASS -> "\u2713 pass";
            case WARN -> "! warn";
            case FAIL -> "\u2717 fail";
        };
    }
}
