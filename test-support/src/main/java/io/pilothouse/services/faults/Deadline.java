package io.pilothouse.services.faults;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Condition waits with a deadline, for fault scenarios: poll every 50 ms, never a fixed sleep. Unlike a bare
 * {@code Await}, a timeout names how long it waited and the last value seen, and {@link #untilStable} checks that a
 * condition also <em>holds</em> (a member that flaps back to green for one read is not recovered).
 */
public final class Deadline {

    private static final long POLL_MS = 50;

    private Deadline() {}

    /**
     * Polls {@code probe} until {@code condition} holds and returns that value.
     *
     * @throws AssertionError after {@code timeout}, naming {@code what} and the last value
     */
    public static <T> T until(Duration timeout, String what, Supplier<T> probe, Predicate<T> condition) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        T last = null;
        while (true) {
            last = probe.get();
            if (condition.test(last)) {
                return last;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("timed out after " + (System.nanoTime() - start) / 1_000_000 + " ms waiting for "
                        + what + "; last: " + last);
            }
            pause();
        }
    }

    /**
     * Like {@link #until}, but the condition must then keep holding for {@code stable} without a break; returns the
     * first value of that stable run and when it was seen (so a measured time ends where the stable state began).
     */
    public static <T> Seen<T> untilStable(Duration timeout, Duration stable, String what, Supplier<T> probe,
                                    Predicate<T> condition) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        T first = null;
        boolean holding = false;
        long since = 0;
        T last = null;
        while (true) {
            last = probe.get();
            long now = System.nanoTime();
            if (condition.test(last)) {
                if (!holding) {
                    holding = true;
                    first = last;
                    since = now;
                }
                if (now - since >= stable.toNanos()) {
                    return new Seen<>(first, since);
                }
            } else {
                holding = false;
            }
            if (now - deadline >= 0) {
                throw new AssertionError("timed out after " + (now - start) / 1_000_000 + " ms waiting for " + what
                        + " to hold for " + stable.toMillis() + " ms; last: " + last);
            }
            pause();
        }
    }

    /**
     * Runs {@code check} (which asserts) at every poll for {@code duration}: for a state that must hold the whole time,
     * not one to wait for; the first failing check ends it.
     */
    public static void throughout(Duration duration, Runnable check) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - until < 0) {
            check.run();
            pause();
        }
    }

    /**
     * A value and when it was seen.
     *
     * @param value    what the probe returned
     * @param nanoTime {@link System#nanoTime()} when it was returned
     */
    public record Seen<T>(T value, long nanoTime) {}

    private static void pause() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
