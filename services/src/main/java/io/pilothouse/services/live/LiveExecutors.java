package io.pilothouse.services.live;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executors all live-model I/O runs on: a small scheduler for ticks and an elastic pool for blocking I/O (JDBC)
 * and asynchronous HTTP. Created once by the app and injected, so tests and the UI share one vocabulary.
 */
public final class LiveExecutors implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final ExecutorService io;
    private final ScheduledExecutorService sampling;

    private LiveExecutors(ScheduledExecutorService scheduler, ExecutorService io, ScheduledExecutorService sampling) {
        this.scheduler = scheduler;
        this.io = io;
        this.sampling = sampling;
    }

    /** Daemon threads named {@code pilothouse-tick-N}, {@code pilothouse-io-N} and {@code pilothouse-sample-N}. */
    public static LiveExecutors create() {
        return new LiveExecutors(Executors.newScheduledThreadPool(2, named("pilothouse-tick")),
                Executors.newCachedThreadPool(named("pilothouse-io")),
                Executors.newScheduledThreadPool(2, named("pilothouse-sample")));
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public ExecutorService io() {
        return io;
    }

    /** For samplers that block on JDBC every second: kept apart so they never delay the ticks. */
    public ScheduledExecutorService sampling() {
        return sampling;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        sampling.shutdownNow();
        io.shutdownNow();
        try {
            io.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One daemon thread named {@code pilothouse-<name>}, for work that must stay on a single thread (the history
     * store's writer). The caller shuts it down.
     */
    public static ScheduledExecutorService single(String name) {
        return Executors.newSingleThreadScheduledExecutor(named("pilothouse-" + name));
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
