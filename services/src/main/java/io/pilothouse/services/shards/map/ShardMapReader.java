package io.pilothouse.services.shards.map;

import java.util.List;

/**
 * Reads shard maps of one kind for a whole workspace. Never throws for an unreachable node or a bad declaration:
 * those become {@link MapNode#reach()} and problems on the map, so the rest is still drawn.
 */
@FunctionalInterface
public interface ShardMapReader {

    /** The maps as they are now; may block on the network, so never call it on the UI thread. */
    List<ShardMap> read();

    /** Every map of {@code readers}, in order. */
    static ShardMapReader all(List<ShardMapReader> readers) {
        List<ShardMapReader> copy = List.copyOf(readers);
        return () -> copy.stream().flatMap(r -> r.read().stream()).toList();
    }
}
