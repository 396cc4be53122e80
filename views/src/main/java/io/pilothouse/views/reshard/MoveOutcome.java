package io.pilothouse.views.reshard;

import io.pilothouse.services.reshard.MoveRecord;

/**
 * How a run (move, resume, roll-back, drop of the kept source) ended.
 *
 * @param record the move as journaled afterwards, or null when it was refused before anything was journaled
 * @param error  why it stopped, in words (what happened, what to do), or null when it ran to the end
 */
public record MoveOutcome(MoveRecord record, String error) {

    /** A run that finished. */
    public static MoveOutcome done(MoveRecord record) {
        return new MoveOutcome(record, null);
    }

    /** True when it stopped with an error. */
    public boolean failed() {
        return error != null;
    }
}
