package io.pilothouse.services.patroni;

import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;

import java.util.List;
import java.util.Map;

/**
 * Patroni's {@code GET /patroni} answer: one member describing itself.
 *
 * @param name            member name ({@code patroni.name})
 * @param scope           scope ({@code patroni.scope})
 * @param patroniVersion  Patroni version
 * @param role            normalised role
 * @param state           normalised state
 * @param serverVersion   PostgreSQL {@code server_version} as an integer (150018), or 0
 * @param timeline        timeline or null
 * @param paused          maintenance mode as this member sees it
 * @param pendingRestart  whether a restart is pending
 * @param walPosition     primary's {@code xlog.location}, or a replica's {@code xlog.replayed_location}; null if absent
 * @param receivedPosition replica's {@code xlog.received_location}, or null
 * @param replayPaused    replica's {@code xlog.paused}
 * @param dcsLastSeen     epoch seconds of the last successful DCS contact, or null
 * @param tags            tags as strings
 * @param replication     the primary's view of its replicas ({@code replication[]})
 */
public record PatroniNodeStatus(String name, String scope, String patroniVersion, MemberRole role, MemberState state,
                                int serverVersion, Integer timeline, boolean paused, boolean pendingRestart,
                                Long walPosition, Long receivedPosition, boolean replayPaused, Long dcsLastSeen,
                                Map<String, String> tags, List<Replication> replication) {

    public PatroniNodeStatus {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        replication = replication == null ? List.of() : List.copyOf(replication);
    }

    /** {@code 150018} → {@code 15.18}; {@code 90624} → {@code 9.6.24}; 0 → null. */
    public String postgresVersion() {
        return PostgresVersions.format(serverVersion);
    }

    /**
     * One {@code replication[]} entry.
     *
     * @param user            replication user
     * @param applicationName the replica's application_name (its member name under Patroni)
     * @param clientAddr      replica address
     * @param state           walsender state ({@code streaming}, {@code catchup}, …)
     * @param syncState       {@code async}, {@code sync}, {@code potential}, {@code quorum}
     * @param syncPriority    priority
     */
    public record Replication(String user, String applicationName, String clientAddr, String state,
                              String syncState, Integer syncPriority) {
    }
}
