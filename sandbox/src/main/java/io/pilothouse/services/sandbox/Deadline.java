package io.pilothouse.services.sandbox;

import java.time.Duration;

/** A point in monotonic time by which something must have happened. */
record Deadline(long endNanos, Duration budget) {

    static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    /** Time left, zero once passed. */
    Duration remaining() {
        long left = endNanos - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    boolean passed() {
        return System.nanoTime() - endNanos >= 0;
    }
}
