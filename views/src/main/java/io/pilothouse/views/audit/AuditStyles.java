package io.pilothouse.views.audit;

import javafx.css.PseudoClass;

/** Style-class names of the audit log view (controls/audit.css). */
public final class AuditStyles {

    public static final String AUDIT = "ph-audit";
    public static final String TITLE = "ph-audit-title";
    public static final String SUMMARY = "ph-audit-summary";
    public static final String BANNER = "ph-audit-banner";
    public static final String FILTERS = "ph-audit-filters";
    public static final String TABLE = "ph-audit-table";
    public static final String OUTCOME_CHIP = "ph-audit-outcome";
    public static final String DETAILS = "ph-audit-details";
    public static final String DETAILS_TITLE = "ph-audit-details-title";
    public static final String SECTION_TITLE = "ph-audit-section-title";
    public static final String EVIDENCE = "ph-audit-evidence";
    public static final String HASH = "ph-audit-hash";
    /** The main window header's "Audit log" button. */
    public static final String OPEN_BUTTON = "ph-audit-open-button";

    /** A row at or after the first line that breaks the chain. */
    public static final PseudoClass UNTRUSTED = PseudoClass.getPseudoClass("untrusted");

    private AuditStyles() {
    }
}
