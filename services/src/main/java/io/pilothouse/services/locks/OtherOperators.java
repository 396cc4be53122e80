package io.pilothouse.services.locks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Keeps the registry's view of other operators' operations current: every few seconds the workspace's etcd lock
 * keys are listed and handed to {@link OperationRegistry#othersSeen}. The listing may wait seconds on an etcd that
 * is down, so it runs on an I/O executor, never on the scheduler's tick, and never two at a time. Close it with the
 * session.
 */
public final class OtherOperators implements AutoCloseable {

    private final ScheduledFuture<?> task;

    private OtherOperators(ScheduledFuture<?> task) {
        this.task = task;
    }

    /** Lists {@code held} on {@code io} now and then every {@code period}, ticked by {@code scheduler}. */
    public static OtherOperators start(Supplier<List<RunningOperation>> held, OperationRegistry registry,
                                       ScheduledExecutorService scheduler, Executor io, Duration period) {
        AtomicBoolean listing = new AtomicBoolean();
        return new OtherOperators(scheduler.scheduleWithFixedDelay(() -> {
            if (!listing.compareAndSet(false, true)) {
                return; // the previous listing still waits on etcd
            }
            try {
                io.execute(() -> {
                    try {
                        registry.othersSeen(held.get());
                    } catch (RuntimeException e) {
                        org.slf4j.LoggerFactory.getLogger(OtherOperators.class)
                                .debug("Listing the operation locks failed: {}", e.toString());
                    } finally {
                        listing.set(false);
                    }
                });
            } catch (RuntimeException e) {
                listing.set(false); // the I/O pool is shutting down with the session
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
