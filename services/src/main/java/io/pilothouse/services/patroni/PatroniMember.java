package io.pilothouse.services.patroni;

import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.ReportedLag;

import java.util.Map;

/**
 * One entry of Patroni's {@code GET /cluster} {@code members} array.
 *
 * @param name           member name
 * @param role           normalised role
 * @param state          normalised state
 * @param stateText      the state exactly as Patroni wrote it (for states this version does not know)
 * @param apiUrl         REST URL as Patroni reports it (ends in {@code /patroni})
 * @param host           PostgreSQL host
 * @param port           PostgreSQL port, 0 if absent
 * @param timeline       timeline or null
 * @param tags           tags as strings
 * @param pendingRestart whether a restart is pending
 * @param lag            Patroni's lag figure (bytes or "unknown")
 * @param receiveLag     Patroni 4.1 receive lag, or none
 * @param replayLag      Patroni 4.1 replay lag, or none
 */
public record PatroniMember(String name, MemberRole role, MemberState state, String stateText, String apiUrl,
                            String host, int port, Integer timeline, Map<String, String> tags,
                            boolean pendingRestart, ReportedLag lag, ReportedLag receiveLag, ReportedLag replayLag) {

    public PatroniMember {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
