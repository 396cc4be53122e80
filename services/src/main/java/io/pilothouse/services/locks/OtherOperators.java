package io.pilothouse.services.locks;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps the registry's view of other operators' operations current: every few seconds the workspace's etcd lock
 * keys are listed and handed to {@link OperationRegistry#othersSeen}. Close it with the session.
 */
public final class OtherOperators implements AutoCloseable {

    private final ScheduledFuture<?> task;

    private OtherOperators(ScheduledFuture<?> task) {
        this.task = task;
    }

    /** Lists {@code held} now on {@code scheduler} and then every {@code period}. */
    public static OtherOperators start(Supplier<java.util.List<RunningOperation>> held, OperationRegistry registry,
                                       ScheduledExecutorService scheduler, Duration period) {
        return new OtherOperators(scheduler.scheduleWithFixedDelay(() -> {
            try {
                registry.othersSeen(held.get());
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(OtherOperators.class).debug("Listing the operation locks failed: {}",
                        e.toString());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
