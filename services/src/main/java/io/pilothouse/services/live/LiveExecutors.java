package io.pilothouse.services.live;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executors all live-model I/O runs on: a small scheduler for ticks, a bounded pool for the pollers' reads (JDBC
 * of every member, Patroni REST's completions) and an elastic pool for everything else (operations, which may block
 * on a poller's answer). Created once by the app and injected, so tests and the UI share one vocabulary.
 */
public final class LiveExecutors implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final ExecutorService io;
    private final ExecutorService polling;
    private final ScheduledExecutorService sampling;

    /**
     * Threads the pollers may use at once. An estate of 500 clusters with unreachable members grew the elastic pool
     * to 693 threads (each blocked in a connect, each with its stack): reads beyond this wait in the queue, which
     * stays as small as the estate because a member has at most one read of each kind in flight.
     */
    static final int POLLING_THREADS = 24;

    private LiveExecutors(ScheduledExecutorService scheduler, ExecutorService io, ExecutorService polling,
                          ScheduledExecutorService sampling) {
        this.scheduler = scheduler;
        this.io = io;
        this.polling = polling;
        this.sampling = sampling;
    }

    /**
     * Daemon threads named {@code pilothouse-tick-N}, {@code pilothouse-io-N}, {@code pilothouse-poll-N} and
     * {@code pilothouse-sample-N}.
     */
    public static LiveExecutors create() {
        return new LiveExecutors(Executors.newScheduledThreadPool(2, named("pilothouse-tick")),
                Executors.newCachedThreadPool(named("pilothouse-io")), bounded("pilothouse-poll", POLLING_THREADS),
                Executors.newScheduledThreadPool(2, named("pilothouse-sample")));
    }

    /**
     * At most {@code threads} threads, started as work comes and ended after 30 s idle (a small estate never holds
     * them all); further work queues in order.
     */
    static ExecutorService bounded(String prefix, int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named(prefix));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public ExecutorService io() {
        return io;
    }

    /**
     * The pollers' pool, bounded ({@value #POLLING_THREADS} threads): each member's SQL read and the completions of
     * Patroni REST. Work on it must never wait for other work on it.
     */
    public ExecutorService polling() {
        return polling;
    }

    /** For samplers that block on JDBC every second: kept apart so they never delay the ticks. */
    public ScheduledExecutorService sampling() {
        return sampling;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        sampling.shutdownNow();
        polling.shutdownNow();
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
