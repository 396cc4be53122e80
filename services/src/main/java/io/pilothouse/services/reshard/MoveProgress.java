package io.pilothouse.services.reshard;

import java.time.Duration;

/**
 * Where a running move is, for a progress bar and a status line.
 *
 * @param state      the journaled state
 * @param step       what runs now, in words ("Copying demo.orders_p3 to shard1")
 * @param rowsCopied rows the copy has written on the target so far (during the copy), or -1
 * @param rowsTotal  rows to copy (the source's estimate), or -1
 * @param bytesCopied COPY bytes the target has received so far, or -1
 * @param bytesTotal the source table's size on disk, or -1
 * @param lagBytes   WAL the target has not confirmed yet (during the catch-up), or -1
 * @param eta        estimated time left for the copy, or null when unknown
 */
public record MoveProgress(MoveState state, String step, long rowsCopied, long rowsTotal, long bytesCopied,
                           long bytesTotal, long lagBytes, Duration eta) {

    /** A step without figures. */
    public static MoveProgress step(MoveState state, String step) {
        return new MoveProgress(state, step, -1, -1, -1, -1, -1, null);
    }

    /** Fraction of the copy done, 0..1, or -1 when unknown. */
    public double fraction() {
        if (rowsTotal > 0 && rowsCopied >= 0) {
            return Math.min(1.0, (double) rowsCopied / rowsTotal);
        }
        return -1;
    }
}
