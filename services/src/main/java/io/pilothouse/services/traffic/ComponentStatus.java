package io.pilothouse.services.traffic;

import java.time.Instant;

/**
 * How the last read of one component went.
 *
 * @param reachability whether it answered
 * @param error        one line saying what went wrong and what to do, or null when reachable
 * @param readAt       when it was last read (answered or not), or null when not yet
 * @param elapsedMillis how long the read took
 */
public record ComponentStatus(Reachability reachability, String error, Instant readAt, long elapsedMillis) {

    /** Not read yet. */
    public static final ComponentStatus NOT_READ_YET = new ComponentStatus(Reachability.NOT_READ_YET, null, null, 0);

    /** A successful read at {@code at}. */
    public static ComponentStatus reachable(Instant at, long elapsedMillis) {
        return new ComponentStatus(Reachability.REACHABLE, null, at, elapsedMillis);
    }

    /** A failed read at {@code at}, with its one-line reason. */
    public static ComponentStatus unreachable(String error, Instant at, long elapsedMillis) {
        return new ComponentStatus(Reachability.UNREACHABLE, error, at, elapsedMillis);
    }

    /** True when the last read answered. */
    public boolean reachable() {
        return reachability == Reachability.REACHABLE;
    }
}
