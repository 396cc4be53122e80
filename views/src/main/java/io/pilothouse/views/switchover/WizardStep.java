package io.pilothouse.views.switchover;

/** The wizard's pages, in order. */
public enum WizardStep {
    /** Choose the candidate from the pre-check matrix, and when. */
    PICK,
    /** Type the cluster name. */
    CONFIRM,
    /** Watch progress. */
    RUNNING,
    /** Read the verification report. */
    REPORT
}
