package io.pilothouse.views.reshard;

import javafx.css.PseudoClass;

/** Style-class and pseudo-class names of the resharding wizard (controls/reshard.css). */
public final class ReshardStyles {

    public static final String WIZARD = "ph-reshard-wizard";
    public static final String TITLE = "ph-reshard-title";
    public static final String ERROR = "ph-reshard-error";
    public static final String REFUSALS = "ph-reshard-refusals";
    public static final String NOTES = "ph-reshard-notes";
    public static final String STATEMENTS = "ph-reshard-statements";
    public static final String SUMMARY = "ph-reshard-summary";
    public static final String FIGURES = "ph-reshard-figures";
    public static final String VERIFICATION = "ph-reshard-verification";
    public static final String STEP = "ph-reshard-step";
    public static final String UNFINISHED = "ph-reshard-unfinished";
    /** The Move / Split in two choice. */
    public static final String KIND = "ph-reshard-kind";
    /** The two bounds a split leaves. */
    public static final String BOUNDS = "ph-reshard-bounds";

    /** A summary or verification that went right. */
    public static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    /** A summary or verification that went wrong. */
    public static final PseudoClass BAD = PseudoClass.getPseudoClass("bad");

    private ReshardStyles() {
    }
}
