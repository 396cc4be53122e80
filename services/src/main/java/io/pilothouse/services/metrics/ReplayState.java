package io.pilothouse.services.metrics;

/** How a replica's replay stands against its primary, as {@link LagSampler} decided it on the last sample. */
public enum ReplayState {
    /** Replayed everything it received, and received everything the primary had: nothing to replay. */
    IDLE,
    /** WAL is waiting to be received or replayed: the replica is behind. */
    BEHIND,
    /** Not read (replica unreachable, not in recovery, or no primary position to compare with). */
    UNKNOWN
}
