package io.pilothouse.services.model;

import java.time.Instant;
import java.util.List;

/**
 * Slots and archiver status of one node at one moment.
 *
 * @param node        member name the caller gave
 * @param inRecovery  true on a standby
 * @param walPosition current (primary) or last received (standby) WAL position as text, or null
 * @param slots       slots sorted by name
 * @param archiver    the node's archiver status
 * @param readAt      when the probe ran
 */
public record NodeSlots(String node, boolean inRecovery, String walPosition, List<ReplicationSlot> slots,
                        ArchiverStatus archiver, Instant readAt) {

    public NodeSlots {
        slots = slots == null ? List.of() : List.copyOf(slots);
    }

    /** Slots with at least one flag. */
    public List<ReplicationSlot> flagged() {
        return slots.stream().filter(ReplicationSlot::flagged).toList();
    }

    /** The slot with this name, or null. */
    public ReplicationSlot slot(String name) {
        return slots.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
