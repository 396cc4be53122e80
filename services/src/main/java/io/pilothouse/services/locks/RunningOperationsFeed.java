package io.pilothouse.services.locks;

import java.util.List;
import java.util.function.Consumer;

/** What windows bind to: the running operations, told again on every change. */
@FunctionalInterface
public interface RunningOperationsFeed {

    /** Nothing ever runs: for views without a session. */
    RunningOperationsFeed NONE = listener -> {
        listener.accept(List.of());
        return () -> { };
    };

    /**
     * Calls {@code listener} now with the current list and again after every change, on the thread that made the
     * change (never an FX thread: views hand over to their own). Close the returned handle to stop.
     */
    AutoCloseable subscribe(Consumer<List<RunningOperation>> listener);
}
