package io.pilothouse.services.model;

/** Why a replication slot deserves attention. */
public enum SlotFlag {
    /** Nobody consumes the slot and it holds back more WAL than the threshold: the disk fills until it is dropped. */
    INACTIVE_RETAINING_WAL,
    /** {@code wal_status = unreserved}: WAL the slot needs is about to be removed at the next checkpoint. */
    WAL_UNRESERVED,
    /** {@code wal_status = lost}: WAL the slot needed is gone; its consumer can no longer catch up from it. */
    WAL_LOST;

    /** True for flags that mean data loss for the consumer now, not a risk later. */
    public boolean isCritical() {
        return this == WAL_LOST;
    }
}
