package io.pilothouse.services.switchover;

import java.time.Duration;

/**
 * What a {@link WriteProbe} measured.
 *
 * @param measured         false when no probe ran (no SQL access)
 * @param unavailable      the longest gap between two acknowledged writes (including one probe interval)
 * @param writes           acknowledged writes
 * @param failures         failed attempts (connection refused, read-only node, timeout)
 * @param primaryChanges   how many times the probe found itself on a different server after reconnecting
 * @param ran              how long the probe ran
 * @param lastError        the last error seen, or null
 * @param everWrote        false when not a single write succeeded (then {@code unavailable} says nothing)
 */
public record WriteProbeResult(boolean measured, Duration unavailable, int writes, int failures, int primaryChanges,
                               Duration ran, String lastError, boolean everWrote) {

    /** No probe ran. */
    public static final WriteProbeResult NOT_MEASURED = new WriteProbeResult(false, Duration.ZERO, 0, 0, 0,
            Duration.ZERO, null, false);
}
