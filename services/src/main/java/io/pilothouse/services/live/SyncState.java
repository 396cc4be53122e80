package io.pilothouse.services.live;

import io.pilothouse.services.etcd.DcsView;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.StandbyNames;
import io.pilothouse.services.model.SyncMode;
import io.pilothouse.services.model.SyncReplication;
import io.pilothouse.services.postgres.NodeSqlState;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Works out a cluster's {@link SyncReplication} from the DCS (configuration and {@code sync} key), the leader's
 * {@code synchronous_standby_names} and the sync states its walsenders report. Pure.
 */
final class SyncState {

    private SyncState() {
    }

    /**
     * @param dcs     the last DCS view, or null (then only what the leader says is known)
     * @param leader  the member holding the leader key, or null
     * @param members the members with their sync states already laid over
     */
    static SyncReplication of(DcsView dcs, ClusterInputs in, String leader, Collection<Member.Builder> members) {
        String standbyNames = leaderSql(in, leader).map(NodeSqlState::synchronousStandbyNames).orElse(null);
        DcsView.Sync config;
        List<String> standbys;
        if (dcs != null) {
            config = dcs.sync();
            standbys = dcs.syncStandbys();
        } else {
            // No DCS read yet (etcd lost or not configured): Patroni's REST roles and the leader's setting still say
            // which mode is in force; strictness and the quorum figure are only in the DCS.
            standbys = members.stream().filter(b -> b.role() == MemberRole.SYNC_STANDBY
                    || b.role() == MemberRole.QUORUM_STANDBY).map(Member.Builder::name).sorted().toList();
            boolean quorum = members.stream().anyMatch(b -> b.role() == MemberRole.QUORUM_STANDBY)
                    || StandbyNames.parse(standbyNames).method() == StandbyNames.Method.ANY;
            StandbyNames ssn = StandbyNames.parse(standbyNames);
            SyncMode mode = quorum ? SyncMode.QUORUM : !standbys.isEmpty() ? SyncMode.SYNC
                    // An empty setting read on the leader: commits do not wait, whatever the DCS says.
                    : standbyNames != null && ssn.method() == StandbyNames.Method.NONE ? SyncMode.ASYNC
                    : SyncMode.UNKNOWN;
            config = new DcsView.Sync(mode, false, null, null, null);
        }
        boolean blocked = config.strict() && config.mode().synchronous() && leader != null
                && nobodyConfirms(in, leader, members) && standbyNamesWait(standbyNames, standbys);
        return new SyncReplication(config.mode(), config.strict(), config.nodeCount(), standbys, config.quorum(),
                standbyNames, blocked);
    }

    private static Optional<NodeSqlState> leaderSql(ClusterInputs in, String leader) {
        if (leader == null) {
            return Optional.empty();
        }
        NodeRead<NodeSqlState> r = in.sql().get(leader);
        return r == null ? Optional.empty() : Optional.ofNullable(r.value()).filter(s -> !s.inRecovery());
    }

    /**
     * True when the leader's replication view is known and no standby in it confirms commits ({@code sync} or
     * {@code quorum}). Without any read of the leader nothing is claimed.
     */
    private static boolean nobodyConfirms(ClusterInputs in, String leader, Collection<Member.Builder> members) {
        boolean sqlKnown = leaderSql(in, leader).isPresent();
        boolean restKnown = in.nodes().get(leader) != null && in.nodes().get(leader).value() != null;
        if (!sqlKnown && !restKnown) {
            return false;
        }
        return members.stream().map(Member.Builder::build)
                .filter(m -> !m.name().equals(leader))
                .map(Member::syncState)
                .noneMatch(s -> s != null && (s.toLowerCase(Locale.ROOT).equals("sync")
                        || s.toLowerCase(Locale.ROOT).equals("quorum")));
    }

    /**
     * True when the leader's setting makes commits wait: the strict placeholder, {@code *}, or names. An empty
     * setting means commits do not wait at all. When the setting was not read, the {@code sync} key naming nobody
     * in strict mode is what Patroni does just before it blocks commits.
     */
    private static boolean standbyNamesWait(String standbyNames, List<String> syncKeyStandbys) {
        if (standbyNames == null) {
            return syncKeyStandbys.isEmpty();
        }
        return StandbyNames.parse(standbyNames).method() != StandbyNames.Method.NONE;
    }
}
