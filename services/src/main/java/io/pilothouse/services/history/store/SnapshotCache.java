package io.pilothouse.services.history.store;

import io.pilothouse.services.model.EstateSnapshot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last decoded snapshots, keyed by the time they were taken (their id in the store), least recently used
 * dropped first. Scrubbing back and forth over the same minutes then decodes each snapshot once. Snapshots are
 * immutable records, so handing the same one out twice is safe. Not thread-safe (one per {@link HistoryReader}).
 */
final class SnapshotCache {

    /** Snapshots kept: a 150-member estate decodes to well under 1 MB (an estimate), so at most ~32 MB. */
    static final int DEFAULT_CAPACITY = 32;

    private final Map<Instant, EstateSnapshot> entries;

    SnapshotCache(int capacity) {
        this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Instant, EstateSnapshot> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The snapshot taken at {@code taken}, or null when not held. */
    EstateSnapshot get(Instant taken) {
        return entries.get(taken);
    }

    void put(Instant taken, EstateSnapshot snapshot) {
        entries.put(taken, snapshot);
    }

    int size() {
        return entries.size();
    }
}
