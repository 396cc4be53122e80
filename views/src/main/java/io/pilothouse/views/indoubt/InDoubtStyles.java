package io.pilothouse.views.indoubt;

import io.pilothouse.services.indoubt.Advice;
import javafx.css.PseudoClass;

/** Style-class names of the in-doubt console (controls/indoubt.css). */
public final class InDoubtStyles {

    public static final String INDOUBT = "ph-indoubt";
    public static final String TITLE = "ph-indoubt-title";
    public static final String SUMMARY = "ph-indoubt-summary";
    public static final String ERROR = "ph-indoubt-error";
    public static final String TABLE = "ph-indoubt-table";
    public static final String ADVICE = "ph-indoubt-advice";
    public static final String DETAILS = "ph-indoubt-details";
    public static final String DETAILS_TITLE = "ph-indoubt-details-title";
    public static final String SECTION_TITLE = "ph-indoubt-section-title";
    public static final String READ_ONLY_REASON = "ph-indoubt-read-only";
    public static final String RESOLVE = "ph-indoubt-resolve";
    public static final String PREVIEW = "ph-indoubt-preview";
    public static final String RESULT = "ph-indoubt-result";
    /** The main window header's "In-doubt" button. */
    public static final String OPEN_BUTTON = "ph-indoubt-open-button";

    public static final PseudoClass COMMIT = PseudoClass.getPseudoClass("commit");
    public static final PseudoClass ROLLBACK = PseudoClass.getPseudoClass("rollback");
    public static final PseudoClass DECIDE = PseudoClass.getPseudoClass("decide");
    public static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    public static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    public static final PseudoClass WARN = PseudoClass.getPseudoClass("warn");

    private InDoubtStyles() {
    }

    /** The tone of an advice. */
    static PseudoClass tone(Advice.Action action) {
        return switch (action) {
            case COMMIT -> COMMIT;
            case ROLLBACK -> ROLLBACK;
            case DECIDE -> DECIDE;
        };
    }
}
