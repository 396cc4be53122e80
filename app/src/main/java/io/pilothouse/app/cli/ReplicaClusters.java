package io.pilothouse.app.cli;

import io.pilothouse.services.model.ClusterSnapshot;

/** The cluster a replica command works on, once the live model knows its leader. */
final class ReplicaClusters {

    private static final long POLL_MILLIS = 100;

    private ReplicaClusters() {
    }

    /**
     * The latest snapshot of the operation's cluster, waiting up to the settle timeout for a leader (a plain cluster's
     * first snapshot may come before its primary was read); the snapshot as it is when none shows up.
     */
    static ClusterSnapshot withLeader(ClusterOperation op, ClusterOperationOptions options) throws InterruptedException {
        long deadline = System.nanoTime() + options.timeout.duration().toNanos();
        ClusterSnapshot cluster = op.cluster();
        while (cluster.leader() == null && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            cluster = op.session().feed().latest().cluster(cluster.source(), cluster.scope()).orElse(cluster);
        }
        return cluster;
    }
}
