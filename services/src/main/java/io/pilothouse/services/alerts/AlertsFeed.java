package io.pilothouse.services.alerts;

import java.util.function.Consumer;

/** Active alerts as consumers see them: views read {@link #latest()} once per frame; watchers subscribe. */
public interface AlertsFeed {

    /** The latest evaluation's active alerts; never null, never blocks. */
    ActiveAlerts latest();

    /**
     * Calls {@code listener} for every raised or cleared alert, on a Pilothouse I/O thread (never the UI thread).
     *
     * @return a handle whose {@code close()} removes the listener
     */
    AutoCloseable onEvent(Consumer<AlertEvent> listener);

    /**
     * Calls {@code listener} after each change of {@link #latest()} (a raise, a clear, an alert's words or severity
     * moving), on the thread that made it. Views wake their next frame with it instead of polling every frame; the
     * listener must be quick and must not block.
     *
     * @return a handle whose {@code close()} removes the listener
     */
    AutoCloseable onChange(Runnable listener);

    /** A feed that never has alerts (views built without alerting, tests). */
    AlertsFeed NONE = new AlertsFeed() {
        @Override
        public ActiveAlerts latest() {
            return ActiveAlerts.NONE;
        }

        @Override
        public AutoCloseable onEvent(Consumer<AlertEvent> listener) {
            return () -> { };
        }

        @Override
        public AutoCloseable onChange(Runnable listener) {
            return () -> { };
        }
    };
}
