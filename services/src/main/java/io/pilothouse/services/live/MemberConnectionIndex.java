package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.postgres.NodeConnections;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The SQL connections of the source whose cluster has a member at {@code host:port}, looked up in a map built once
 * per estate snapshot rather than by scanning every member of every cluster per call (the lag sampler asks for each
 * leader every second: quadratic in the estate's size, the largest live-model cost at 500 clusters).
 */
final class MemberConnectionIndex {

    private record Index(long version, Map<String, NodeConnections> byEndpoint) {
    }

    private final Function<String, NodeConnections> connectionsOfSource;
    private volatile Index index = new Index(-1, Map.of());

    MemberConnectionIndex(Function<String, NodeConnections> connectionsOfSource) {
        this.connectionsOfSource = connectionsOfSource;
    }

    /** The connections that reach {@code host:port} as a member of a cluster of {@code estate}, or null. */
    NodeConnections connectionsAt(EstateSnapshot estate, String host, int port) {
        Index i = index;
        if (i.version() != estate.version()) {
            i = build(estate);
            index = i;
        }
        return i.byEndpoint().get(host + ":" + port);
    }

    private Index build(EstateSnapshot estate) {
        Map<String, NodeConnections> out = new HashMap<>();
        for (ClusterSnapshot c : estate.clusters()) {
            NodeConnections sql = connectionsOfSource.apply(c.source());
            if (sql == null) {
                continue;
            }
            for (Member m : c.members()) {
                if (m.host() != null) {
                    // The first cluster in the estate's order wins, as the scan it replaces did.
                    out.putIfAbsent(m.host() + ":" + m.port(), sql);
                }
            }
        }
        return new Index(estate.version(), out);
    }
}
