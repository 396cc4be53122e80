package io.pilothouse.views.reshard;

/** The wizard's pages. */
public enum ReshardPage {
    /** Moves a previous run left unfinished, to resume or roll back before anything new. */
    UNFINISHED,
    /** Choose move or split, the partition and the target server, then plan. */
    CHOOSE,
    /** The plan: summary, notes, guard-rail refusals and every statement. */
    PREVIEW,
    /** Type the partition's name on a button naming the action. */
    CONFIRM,
    /** A move (or resume, or roll-back) running: progress, step, figures, and a stop before the cutover. */
    PROGRESS,
    /** How it ended: state, cutover, verification, where the source is kept, or the error. */
    RESULT
}
