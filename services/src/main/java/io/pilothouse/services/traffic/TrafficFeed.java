package io.pilothouse.services.traffic;

import java.util.function.Consumer;

/** Publishes {@link TrafficSnapshot}s; listeners are called on a reader thread, never the FX thread. */
public interface TrafficFeed {

    /** The latest snapshot, {@link TrafficSnapshot#EMPTY} before the first read. */
    TrafficSnapshot latest();

    /** Calls {@code listener} with every new snapshot; closing the handle unsubscribes. */
    AutoCloseable subscribe(Consumer<TrafficSnapshot> listener);
}
