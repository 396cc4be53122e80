package io.pilothouse.services.reshard;

/** How far a move has got; the journal keeps it so a restarted app knows what to resume or undo. */
public enum MoveState {
    /** Planned and journaled; nothing changed on any node. */
    PLANNED,
    /** The table (and marker table) exist on the target. */
    TARGET_CREATED,
    /** The source publishes the table. */
    PUBLISHED,
    /** The target subscribes: the copy and then the catch-up run on the servers, whether or not the app runs. */
    SUBSCRIBED,
    /** Writes were being blocked for the cutover; whether the coordinator switched is read from its catalog. */
    CUTTING_OVER,
    /** The coordinator reads and writes the partition on the target; the source is renamed and kept. */
    CUT_OVER,
    /** Count and checksum matched on both sides; publication, subscription and markers dropped; source kept. */
    DONE,
    /** The kept source table was dropped at the operator's request. */
    SOURCE_DROPPED,
    /** Undone before the cutover: the target table, subscription and publication are gone, the source untouched. */
    ROLLED_BACK;

    /** True once the coordinator may have switched to the target: rolling back is no longer offered. */
    public boolean pastCutover() {
        return ordinal() >= CUTTING_OVER.ordinal() && this != ROLLED_BACK;
    }

    /** True when nothing is left to run. */
    public boolean finished() {
        return this == DONE || this == SOURCE_DROPPED || this == ROLLED_BACK;
    }
}
