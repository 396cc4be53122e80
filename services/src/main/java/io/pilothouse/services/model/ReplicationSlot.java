package io.pilothouse.services.model;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * One row of {@code pg_replication_slots} with what the cockpit derives from it.
 *
 * @param name              {@code slot_name}
 * @param type              {@code slot_type}: {@code physical} or {@code logical}
 * @param plugin            output plugin of a logical slot, or null
 * @param database          database of a logical slot, or null
 * @param temporary         true for a slot that disappears with its session
 * @param active            a consumer is connected right now
 * @param activePid         pid of the consuming backend, or null
 * @param walStatus         {@code reserved}, {@code extended}, {@code unreserved}, {@code lost}, or null
 * @param safeWalSize       bytes that can still be written before the slot is in danger of losing WAL; null when
 *                          {@code max_slot_wal_keep_size} is unlimited ({@code -1})
 * @param restartLsn        oldest WAL the slot needs, as text ({@code 0/3000060}), or null
 * @param confirmedFlushLsn a logical slot's confirmed position, or null
 * @param retainedBytes     WAL held back: distance from the node's current (primary) or last received (standby) WAL
 *                          position to {@code restart_lsn}; null when either is unknown
 * @param inactiveSince     when the slot was first seen inactive by this process (PostgreSQL 15 does not record it),
 *                          or null while active
 * @param flags             problems found, empty when healthy
 */
public record ReplicationSlot(
        String name,
        String type,
        String plugin,
        String database,
        boolean temporary,
        boolean active,
        Integer activePid,
        String walStatus,
        Long safeWalSize,
        String restartLsn,
        String confirmedFlushLsn,
        Long retainedBytes,
        Instant inactiveSince,
        Set<SlotFlag> flags) {

    public ReplicationSlot {
        flags = flags == null || flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /** True when any flag is set. */
    public boolean flagged() {
        return !flags.isEmpty();
    }

    /** True for a logical slot. */
    public boolean logical() {
        return "logical".equals(type);
    }
}
