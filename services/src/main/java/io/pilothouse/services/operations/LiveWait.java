package io.pilothouse.services.operations;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateFeed;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Waits, on the caller's thread, until the live model shows a cluster in some state: woken by every published
 * snapshot, and at least every half second so conditions that also ask Patroni are re-checked.
 */
final class LiveWait {

    private static final long RECHECK_MS = 500;

    private LiveWait() {
    }

    /**
     * The first snapshot of the cluster that satisfies {@code done}, or null when {@code timeout} passes first.
     *
     * @param seen called with every snapshot looked at (for progress lines)
     */
    static ClusterSnapshot until(EstateFeed feed, String source, String scope, Duration timeout,
                                 Predicate<ClusterSnapshot> done, Consumer<ClusterSnapshot> seen)
            throws InterruptedException {
        Semaphore changed = new Semaphore(0);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (AutoCloseable ignored = feed.subscribe(s -> changed.release())) {
            while (true) {
                ClusterSnapshot c = feed.latest().cluster(source, scope).orElse(null);
                if (c != null) {
                    seen.accept(c);
                    if (done.test(c)) {
                        return c;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                changed.tryAcquire(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, RECHECK_MS),
                        TimeUnit.MILLISECONDS);
                changed.drainPermits();
            }
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Only the subscription's close() can get here; it does not fail in practice.
            throw new IllegalStateException("could not stop following the live model", e);
        }
    }
}
