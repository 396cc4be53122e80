package io.pilothouse.services.operations;

import java.time.OffsetDateTime;

/**
 * Conditions and timing of a restart.
 *
 * @param pendingOnly restart only if PostgreSQL says a changed setting needs a restart
 * @param role        restart only if the member has this role, or null for any
 * @param at          when to restart (Patroni schedules it), or null for now
 */
public record RestartOptions(boolean pendingOnly, Role role, OffsetDateTime at) {

    /** Restart now, whatever the member's role or pending state. */
    public static final RestartOptions NOW = new RestartOptions(false, null, null);

    /** Role filter of a restart. */
    public enum Role {
        /** Only if the member is the primary (leader). */
        PRIMARY,
        /** Only if the member is a replica. */
        REPLICA
    }
}
