package io.pilothouse.services.live;

import io.pilothouse.services.consistency.NodeSetting;
import io.pilothouse.services.etcd.DcsView;
import io.pilothouse.services.model.NodeSlots;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.patroni.PatroniCluster;
import io.pilothouse.services.patroni.PatroniNodeStatus;
import io.pilothouse.services.postgres.NodeSqlState;

import java.util.List;
import java.util.Map;

/**
 * Everything the sources last said about one cluster: the raw material a snapshot is assembled from. Immutable.
 *
 * @param source         workspace source name
 * @param scope          cluster scope
 * @param etcdConfigured whether the cluster is followed through etcd
 * @param etcd           etcd source status
 * @param dcs            last DCS view, or null
 * @param leaseSecondsLeft leader lease seconds left at the last read, or null
 * @param restCluster    last {@code GET /cluster} read
 * @param nodes          last {@code GET /patroni} read per member name
 * @param sqlConfigured  whether SQL is configured for this source
 * @param sql            last SQL read per member name
 * @param slots          last slots read per member name
 * @param prepared       prepared transactions last read per primary node
 * @param settings       {@code pg_settings} last read per member name (nodes that answered)
 * @param formerMembers  members seen earlier in this session that have no member key now, by name (still read, to
 *                       tell a node whose Patroni is gone from one that is gone altogether)
 */
public record ClusterInputs(String source, String scope, boolean etcdConfigured, SourceStatus etcd, DcsView dcs,
                            Long leaseSecondsLeft, NodeRead<PatroniCluster> restCluster,
                            Map<String, NodeRead<PatroniNodeStatus>> nodes, boolean sqlConfigured,
                            Map<String, NodeRead<NodeSqlState>> sql, Map<String, NodeRead<NodeSlots>> slots,
                            Map<String, List<PreparedBranch>> prepared,
                            Map<String, Map<String, NodeSetting>> settings, Map<String, Member> formerMembers) {

    /** Inputs without settings and former members (tests, sources without SQL). */
    public ClusterInputs(String source, String scope, boolean etcdConfigured, SourceStatus etcd, DcsView dcs,
                         Long leaseSecondsLeft, NodeRead<PatroniCluster> restCluster,
                         Map<String, NodeRead<PatroniNodeStatus>> nodes, boolean sqlConfigured,
                         Map<String, NodeRead<NodeSqlState>> sql, Map<String, NodeRead<NodeSlots>> slots,
                         Map<String, List<PreparedBranch>> prepared) {
        this(source, scope, etcdConfigured, etcd, dcs, leaseSecondsLeft, restCluster, nodes, sqlConfigured, sql, slots,
                prepared, Map.of(), Map.of());
    }

    /** Inputs without prepared transactions (tests, sources without SQL). */
    public ClusterInputs(String source, String scope, boolean etcdConfigured, SourceStatus etcd, DcsView dcs,
                         Long leaseSecondsLeft, NodeRead<PatroniCluster> restCluster,
                         Map<String, NodeRead<PatroniNodeStatus>> nodes, boolean sqlConfigured,
                         Map<String, NodeRead<NodeSqlState>> sql, Map<String, NodeRead<NodeSlots>> slots) {
        this(source, scope, etcdConfigured, etcd, dcs, leaseSecondsLeft, restCluster, nodes, sqlConfigured, sql, slots,
                Map.of());
    }

    public ClusterInputs {
        prepared = prepared == null ? Map.of() : Map.copyOf(prepared);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        formerMembers = formerMembers == null ? Map.of() : Map.copyOf(formerMembers);
        nodes = Map.copyOf(nodes);
        sql = Map.copyOf(sql);
        slots = slots == null ? Map.of() : Map.copyOf(slots);
        restCluster = restCluster == null ? NodeRead.none() : restCluster;
    }
}
