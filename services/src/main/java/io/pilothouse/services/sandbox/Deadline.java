package io.pilothouse.services.sandbox;

import java.time.Duration;

/** A point in monotonic time by which something must have happened. */
record Deadline(long endNanos, Duration budget) {

    static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    boolean passed() {
        return System.nanoTime() - endNanos >= 0;
    }
}
