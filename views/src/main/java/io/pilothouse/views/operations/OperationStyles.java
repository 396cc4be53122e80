package io.pilothouse.views.operations;

import javafx.css.PseudoClass;

/** Style-class and pseudo-class names of the operation controls (controls/operations.css). */
public final class OperationStyles {

    public static final String CONFIRM = "ph-confirm-by-name";
    public static final String CONFIRM_SUMMARY = "ph-confirm-summary";
    public static final String CONFIRM_IMPACT = "ph-confirm-impact";
    public static final String CONFIRM_PROMPT = "ph-confirm-prompt";
    public static final String CONFIRM_NAME_FIELD = "ph-confirm-name-field";
    public static final String CONFIRM_BUTTON = "ph-confirm-button";
    public static final String CONFIG_DIFF = "ph-config-diff";
    public static final String CONFIG_DIFF_SUMMARY = "ph-config-diff-summary";
    public static final String CONFIG_DIFF_TABLE = "ph-config-diff-table";
    public static final String CONFIG_DIFF_AFTER = "ph-config-diff-after";

    /** A diff row whose value changes. */
    public static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");
    /** The typed name is not (yet) the cluster's name. */
    public static final PseudoClass MISMATCH = PseudoClass.getPseudoClass("mismatch");

    private OperationStyles() {
    }
}
