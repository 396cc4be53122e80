package io.pilothouse.services.consistency;

import io.pilothouse.services.consistency.ClusterObservation.Answer;
import io.pilothouse.services.consistency.ClusterObservation.NodeObservation;
import io.pilothouse.services.etcd.DcsView;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.postgres.NodeSqlState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what the live sources last read into the plain values {@link ConsistencyCheck} compares. A read says
 * "answers" only while live, "silent" once it failed or went stale, and nothing before the first attempt.
 */
public final class ObservationBuilder {

    /** The outcome of the latest reads of one node by one source. */
    public record Read(Freshness freshness, String error) {

        /** Not read, or not configured. */
        public static final Read NONE = new Read(Freshness.UNKNOWN, null);

        Answer answer() {
            return switch (freshness) {
                case LIVE -> Answer.ANSWERS;
                case STALE, UNREACHABLE -> Answer.SILENT;
                default -> Answer.NOT_ASKED;
            };
        }
    }

    private final List<NodeObservation> nodes = new ArrayList<>();

    /**
     * Adds a node.
     *
     * @param m            the member as assembled (or as last seen, for a member without a key now)
     * @param hasMemberKey whether the DCS has its key
     * @param rest         its REST reads
     * @param sql          its SQL reads
     * @param state        its last SQL state, or null
     * @param settings     its last {@code pg_settings}, or null
     */
    public ObservationBuilder node(Member m, boolean hasMemberKey, Read rest, Read sql, NodeSqlState state,
                                   Map<String, NodeSetting> settings) {
        Answer sqlAnswer = sql.answer();
        Map<String, String> syncStates = new HashMap<>();
        if (state != null) {
            state.replicas().forEach(r -> {
                if (r.applicationName() != null && r.syncState() != null) {
                    syncStates.put(r.applicationName(), r.syncState());
                }
            });
        }
        nodes.add(new NodeObservation(m.name(), hasMemberKey, m.state().isHealthy(), m.apiUrl(),
                m.host() == null ? null : m.endpoint(), rest.answer(), rest.error(), sqlAnswer, sql.error(),
                sqlAnswer == Answer.ANSWERS && state != null ? state.inRecovery() : null,
                sqlAnswer == Answer.ANSWERS ? settings : null, syncStates));
        return this;
    }

    /** The observation of a cluster whose DCS view is {@code dcs} (null when etcd is not followed or not read). */
    public ClusterObservation build(String leader, DcsView dcs, boolean dcsLive, MemberRole leaderRole) {
        return new ClusterObservation(leader, dcsLive && dcs != null, leaderRole == MemberRole.STANDBY_LEADER,
                dcs == null ? null : dcs.sync().mode().patroniValue(), dcs == null ? List.of() : dcs.syncStandbys(),
                dcs == null ? Map.of() : dcs.parameters(), nodes);
    }


}
