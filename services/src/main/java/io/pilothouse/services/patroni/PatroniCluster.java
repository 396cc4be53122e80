package io.pilothouse.services.patroni;

import io.pilothouse.services.model.ScheduledSwitchover;

import java.util.List;
import java.util.Optional;

/**
 * Patroni's {@code GET /cluster} answer.
 *
 * @param scope               cluster scope, or null (older versions omit it)
 * @param paused              maintenance mode
 * @param scheduledSwitchover pending scheduled switchover, or null
 * @param members             members as listed
 */
public record PatroniCluster(String scope, boolean paused, ScheduledSwitchover scheduledSwitchover,
                             List<PatroniMember> members) {

    public PatroniCluster {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** The member whose role is leader or standby leader. */
    public Optional<PatroniMember> leader() {
        return members.stream().filter(m -> m.role().isLeaderLike()).findFirst();
    }
}
