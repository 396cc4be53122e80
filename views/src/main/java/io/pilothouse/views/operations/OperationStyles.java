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
    public static final String OPERATION = "ph-operation";
    public static final String ONE_CLICK = "ph-operation-one-click";
    public static final String OPERATION_RUN = "ph-operation-run";
    public static final String OPERATION_STATUS = "ph-operation-status";
    public static final String OPERATION_LINES = "ph-operation-lines";
    public static final String OPERATION_NOTE = "ph-operation-note";
    public static final String RESULT = "ph-operation-result";
    public static final String RESULT_TITLE = "ph-operation-result-title";
    public static final String RESULT_MESSAGE = "ph-operation-result-message";
    public static final String RESULT_FIGURE = "ph-operation-result-figure";
    public static final String RESTART_OPTIONS = "ph-restart-options";
    public static final String FIELD_ERROR = "ph-field-error";
    public static final String CONFIG_EDIT = "ph-config-edit";
    public static final String CONFIG_EDIT_PAGE = "ph-config-edit-page";
    public static final String CONFIG_TEXT = "ph-config-text";

    /** A diff row whose value changes. */
    public static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");
    /** A refusal or failure (danger tone). */
    public static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    /** A verified outcome. */
    public static final PseudoClass SUCCESS = PseudoClass.getPseudoClass("success");
    /** A message that informs rather than blocks (e.g. "nothing changes"). */
    public static final PseudoClass NOTICE = PseudoClass.getPseudoClass("notice");
    /** The typed name is not (yet) the cluster's name. */
    public static final PseudoClass MISMATCH = PseudoClass.getPseudoClass("mismatch");

    private OperationStyles() {
    }
}
