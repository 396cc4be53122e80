package io.pilothouse.services.live;

import io.pilothouse.services.model.Freshness;

import java.time.Duration;
import java.time.Instant;

/**
 * The last outcome of reading one thing from one node (its REST status, its SQL state).
 *
 * @param value       last value read successfully, or null
 * @param lastSuccess when it was read, or null
 * @param failedAt    when the latest attempt failed, or null if the latest attempt succeeded
 * @param error       the latest failure in words, or null
 * @param refused     true when the latest failure was an outright refusal (not a silence)
 * @param <T>         what was read
 */
public record NodeRead<T>(T value, Instant lastSuccess, Instant failedAt, String error, boolean refused) {

    /** Nothing read yet. */
    public static <T> NodeRead<T> none() {
        return new NodeRead<>(null, null, null, null, false);
    }

    /** This read, after a success. */
    public NodeRead<T> succeeded(T v, Instant at) {
        return new NodeRead<>(v, at, null, null, false);
    }

    /** This read, after a failure; the last good value is kept (shown as stale, never as live). */
    public NodeRead<T> failed(String why, boolean wasRefused, Instant at) {
        return new NodeRead<>(value, lastSuccess, at, why, wasRefused);
    }

    /**
     * True once the node gave a definite answer: a successful read (now or before), or an outright refusal (nothing
     * listens there). A silence (timeout) is no answer: a one-shot reader keeps waiting for one.
     */
    public boolean answered() {
        return lastSuccess != null || (failedAt != null && refused);
    }

    /**
     * Freshness at {@code now}: live while the last success is within {@code window} and no refusal came after it;
     * unreachable after a refusal; stale when the source has gone silent.
     */
    public Freshness freshness(Instant now, Duration window) {
        return freshnessAt(now, window);
    }

    /**
     * The last instant this read is live by time alone: after it, with nothing read meanwhile, its
     * {@link #freshness} turns from live to stale. Null when it is not live at {@code now} (time alone changes
     * nothing any more).
     */
    public Instant liveUntil(Instant now, Duration window) {
        return freshnessAt(now, window) == Freshness.LIVE ? lastSuccess.plus(window) : null;
    }

    private Freshness freshnessAt(Instant now, Duration window) {
        if (failedAt != null && refused) {
            return Freshness.UNREACHABLE;
        }
        if (lastSuccess != null && !lastSuccess.plus(window).isBefore(now)) {
            return Freshness.LIVE;
        }
        if (lastSuccess == null && failedAt == null) {
            return Freshness.UNKNOWN;
        }
        return lastSuccess == null ? Freshness.UNREACHABLE : Freshness.STALE;
    }
}
