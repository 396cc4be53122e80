package io.pilothouse.app.wiring;

import io.pilothouse.services.live.EstateFeed;
import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.live.LiveExecutors;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.workspace.Workspace;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/** A running live model of one workspace: executors, monitors and credentials wired together. Close it to stop. */
public final class LiveSession implements AutoCloseable {

    private final LiveExecutors executors;
    private final EstateMonitor monitor;

    private LiveSession(LiveExecutors executors, EstateMonitor monitor) {
        this.executors = executors;
        this.monitor = monitor;
    }

    /** Starts following every source of {@code workspace}; returns at once. */
    public static LiveSession start(Workspace workspace, LiveSettings settings) {
        LiveExecutors executors = LiveExecutors.create();
        EstateMonitor monitor = new EstateMonitor(workspace, executors, settings,
                Passwords.forWorkspace(workspace), Clock.systemUTC());
        LiveSession session = new LiveSession(executors, monitor);
        monitor.start();
        return session;
    }

    public EstateFeed feed() {
        return monitor.feed();
    }

    /** Subscribes to events (called on an I/O thread). */
    public AutoCloseable onEvent(Consumer<ClusterEvent> listener) {
        return monitor.onEvent(listener);
    }

    /** See {@link EstateMonitor#awaitSettled(Duration)}. */
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        return monitor.awaitSettled(timeout);
    }

    @Override
    public void close() {
        monitor.close();
        executors.close();
    }
}
