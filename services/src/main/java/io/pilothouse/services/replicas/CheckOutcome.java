package io.pilothouse.services.replicas;

/** How one pre-check came out. */
public enum CheckOutcome {
    /** The condition holds. */
    PASS,
    /** The condition does not hold: the operation is refused. */
    FAIL,
    /** The condition could not be checked (not readable with this login); the reason says what to do. */
    UNKNOWN,
    /** Not a condition: the read-only commands run on the target to make the checks (nothing there changed). */
    READ;
}
