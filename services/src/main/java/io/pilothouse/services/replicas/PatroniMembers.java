package io.pilothouse.services.replicas;

import io.pilothouse.services.model.ClusterSnapshot;

import java.util.List;
import java.util.Optional;

/** What adding or removing a Patroni member needs besides SQL: the cluster's DCS settings, the live model, etcd. */
public interface PatroniMembers {

    /**
     * The DCS the cluster's members use, as a new member's patroni.yml names it.
     *
     * @param hosts     etcd {@code host:port} endpoints
     * @param protocol  {@code http} or {@code https}
     * @param namespace Patroni's namespace, e.g. {@code /service/}
     */
    record Dcs(List<String> hosts, String protocol, String namespace) {
    }

    /** The cluster's DCS, or empty when its source has no etcd (Patroni REST only). */
    Optional<Dcs> dcs(ClusterSnapshot cluster);

    /**
     * What a generated patroni.yml cannot carry for this cluster (see {@link PatroniConfigGaps}); none by default.
     */
    default List<String> configGaps(ClusterSnapshot cluster) {
        return List.of();
    }

    /** The cluster as the live model shows it now. */
    Optional<ClusterSnapshot> latest(ClusterSnapshot cluster);

    /** Deletes {@code <namespace><scope>/members/<member>} in etcd; true when there was a key. */
    boolean deleteMemberKey(ClusterSnapshot cluster, String member) throws Exception;

    /** For plain clusters only: no DCS, no model following, no keys. */
    PatroniMembers NONE = new PatroniMembers() {
        @Override
        public Optional<Dcs> dcs(ClusterSnapshot cluster) {
            return Optional.empty();
        }

        @Override
        public Optional<ClusterSnapshot> latest(ClusterSnapshot cluster) {
            return Optional.empty();
        }

        @Override
        public boolean deleteMemberKey(ClusterSnapshot cluster, String member) {
            return false;
        }
    };
}
