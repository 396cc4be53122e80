package io.pilothouse.services.model;

import java.util.function.Consumer;

/**
 * The live model of a workspace as consumers see it: always a complete, immutable latest snapshot.
 * Views read {@link #latest()} once per frame; command-line watchers subscribe.
 */
public interface EstateFeed {

    /** The latest snapshot; never null. Safe to call from any thread, never blocks. */
    EstateSnapshot latest();

    /**
     * Calls {@code listener} after every published change, on a Pilothouse I/O thread (never the UI thread).
     *
     * @return a handle whose {@code close()} removes the listener
     */
    AutoCloseable subscribe(Consumer<EstateSnapshot> listener);
}
