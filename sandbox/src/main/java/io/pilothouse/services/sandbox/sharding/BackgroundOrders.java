package io.pilothouse.services.sandbox.sharding;

import io.pilothouse.services.sandbox.SandboxInfo;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The orders workload on a daemon thread of its own until {@link #close()}: the demo's light background load, so lag
 * and write rates move while the window is open. Its per-second lines are dropped; a failure is told once.
 */
public final class BackgroundOrders implements AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    private BackgroundOrders(SandboxInfo info, int rate, Consumer<String> failure) {
        thread = new Thread(() -> {
            try {
                new OrdersWorkload(info).run(new OrdersWorkload.Options(Duration.ZERO, rate, System.nanoTime()),
                        stop::get, line -> { });
            } catch (RuntimeException e) {
                if (!stop.get()) {
                    failure.accept("the orders workload stopped: " + e.getMessage());
                }
            }
        }, "orders-workload-background");
        thread.setDaemon(true);
    }

    /** Starts {@code rate} operations per second on the sandbox's coordinator; {@code failure} hears why it ended early. */
    public static BackgroundOrders start(SandboxInfo info, int rate, Consumer<String> failure) {
        BackgroundOrders b = new BackgroundOrders(info, rate, failure);
        b.thread.start();
        return b;
    }

    /** Stops it and waits up to 10 s for its statement in flight to end. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join(10_000);
    }
}
