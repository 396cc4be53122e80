package io.pilothouse.services.patroni;

import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.ReplicaPositions;
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
 * @param receiveLsn     Patroni 4.1 receive position ({@code 0/5000060}), or null
 * @param replayLsn      Patroni 4.1 replay position, or null
 */
public record PatroniMember(String name, MemberRole role, MemberState state, String stateText, String apiUrl,
                            String host, int port, Integer timeline, Map<String, String> tags,
                            boolean pendingRestart, ReportedLag lag, ReportedLag receiveLag, ReportedLag replayLag,
                            String receiveLsn, String replayLsn) {

    public PatroniMember {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A member as Patroni before 4.1 reports it: no receive or replay positions. */
    public PatroniMember(String name, MemberRole role, MemberState state, String stateText, String apiUrl,
                         String host, int port, Integer timeline, Map<String, String> tags, boolean pendingRestart,
                         ReportedLag lag, ReportedLag receiveLag, ReportedLag replayLag) {
        this(name, role, state, stateText, apiUrl, host, port, timeline, tags, pendingRestart, lag, receiveLag,
                replayLag, null, null);
    }

    /** Patroni 4.1's receive and replay figures, {@link ReplicaPositions#NONE} when it reported none. */
    public ReplicaPositions positions() {
        return new ReplicaPositions(receiveLsn, receiveLag, replayLsn, replayLag);
    }
}
