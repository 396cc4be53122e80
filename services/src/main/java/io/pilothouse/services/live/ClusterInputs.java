package io.pilothouse.services.live;

import io.pilothouse.services.etcd.DcsView;
import io.pilothouse.services.model.NodeSlots;
import io.pilothouse.services.model.PreparedBranch;
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
 */
public record ClusterInputs(String source, String scope, boolean etcdConfigured, SourceStatus etcd, DcsView dcs,
                            Long leaseSecondsLeft, NodeRead<PatroniCluster> restCluster,
                            Map<String, NodeRead<PatroniNodeStatus>> nodes, boolean sqlConfigured,
                            Map<String, NodeRead<NodeSqlState>> sql, Map<String, NodeRead<NodeSlots>> slots,
                            Map<String, List<PreparedBranch>> prepared) {

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
        nodes = Map.copyOf(nodes);
        sql = Map.copyOf(sql);
        slots = slots == null ? Map.of() : Map.copyOf(slots);
        restCluster = restCluster == null ? NodeRead.none() : restCluster;
    }
}
