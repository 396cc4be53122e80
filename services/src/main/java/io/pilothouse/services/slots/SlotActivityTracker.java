package io.pilothouse.services.slots;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Remembers when each slot was first seen inactive, because PostgreSQL 15 keeps no such column
 * ({@code inactive_since} only arrives in 17). The time is therefore "inactive since at least": a slot already
 * inactive when Pilothouse started shows the first probe's time. Thread-safe; one instance per monitored estate.
 */
public final class SlotActivityTracker {

    private final Map<String, Instant> inactiveSince = new HashMap<>();

    /**
     * Records one observation and returns since when the slot has been inactive, or null while it is active.
     *
     * @param node   member name, so equal slot names on different nodes stay apart
     * @param slot   slot name
     * @param active whether the slot has a consumer now
     * @param now    time of the observation
     */
    public synchronized Instant observe(String node, String slot, boolean active, Instant now) {
        String key = key(node, slot);
        if (active) {
            inactiveSince.remove(key);
            return null;
        }
        return inactiveSince.computeIfAbsent(key, k -> now);
    }

    /** Forgets the node's slots not in {@code present}, so a dropped and re-created slot starts afresh. */
    public synchronized void retain(String node, Set<String> present) {
        String prefix = node + '\u0000';
        inactiveSince.keySet().removeIf(k -> k.startsWith(prefix) && !present.contains(k.substring(prefix.length())));
    }

    private static String key(String node, String slot) {
        // NUL cannot occur in a member or slot name, so the key is unambiguous.
        return node + '\u0000' + slot;
    }
}
