package io.pilothouse.services.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Condition waits for integration tests against real servers (never a fixed sleep). */
public final class Await {

    private Await() {
    }

    /** Polls {@code condition} every 50 ms until it holds; fails with {@code what} and the last value after timeout. */
    public static <T> T until(Duration timeout, String what, Supplier<T> probe, java.util.function.Predicate<T> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; last: " + last);
    }
}
