package io.pilothouse.services.traffic;

/** Whether the last read of a traffic component succeeded. */
public enum Reachability {
    /** Not read yet in this session. */
    NOT_READ_YET,
    /** The last read answered and was understood. */
    REACHABLE,
    /** The last read failed: no answer, refused, timed out or unreadable; the reason is in words beside it. */
    UNREACHABLE
}
