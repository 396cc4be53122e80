package io.pilothouse.services.shards.partitions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Writes per second from cumulative counters ({@code n_tup_ins + n_tup_upd + n_tup_del}) read at successive times:
 * remembers the previous reading per key and forgets keys not read in the latest round, so memory stays bounded by
 * what exists. Not thread-safe; one reader owns one.
 */
public final class WriteRates {

    private record Reading(long count, Instant at) {
    }

    private final Map<String, Reading> previous = new HashMap<>();

    /**
     * Records {@code count} for {@code key} read at {@code at}; the rate since the previous reading, empty on the
     * first one, when time did not advance, or when the counter went back (statistics reset, table recreated).
     */
    public OptionalDouble record(String key, long count, Instant at) {
        Reading before = previous.put(key, new Reading(count, at));
        if (before == null || count < before.count()) {
            return OptionalDouble.empty();
        }
        double seconds = Duration.between(before.at(), at).toNanos() / 1e9;
        return seconds <= 0 ? OptionalDouble.empty() : OptionalDouble.of((count - before.count()) / seconds);
    }

    /** Forgets every key not in {@code seen}. */
    public void retainOnly(Set<String> seen) {
        previous.keySet().retainAll(seen);
    }

    /** How many keys are remembered. */
    public int size() {
        return previous.size();
    }
}
