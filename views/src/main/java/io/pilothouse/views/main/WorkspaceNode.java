package io.pilothouse.views.main;

/** A row of the workspace tree: a source, or a cluster under it. */
public sealed interface WorkspaceNode permits WorkspaceNode.Source, WorkspaceNode.Cluster {

    /** Text of the row. */
    String text();

    /**
     * A workspace source (an etcd namespace or a set of Patroni endpoints).
     *
     * @param name source name
     */
    record Source(String name) implements WorkspaceNode {
        @Override
        public String text() {
            return name;
        }
    }

    /**
     * A cluster.
     *
     * @param key     which cluster
     * @param health  its health
     * @param members number of members
     * @param alerts   number of active alerts
     * @param critical how many of them are critical
     */
    record Cluster(ClusterKey key, ClusterHealth health, int members, int alerts, int critical)
            implements WorkspaceNode {

        /** A cluster without alerts. */
        public Cluster(ClusterKey key, ClusterHealth health, int members) {
            this(key, health, members, 0, 0);
        }

        @Override
        public String text() {
            return key.scope();
        }
    }
}
