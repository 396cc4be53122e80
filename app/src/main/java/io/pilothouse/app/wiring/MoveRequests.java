package io.pilothouse.app.wiring;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.reshard.MoveRequest;
import io.pilothouse.services.reshard.ReshardNode;
import io.pilothouse.services.workspace.Workspace;

import java.time.Duration;
import java.util.List;

/** A partition move's request from what an operator names: the coordinator's cluster, found in the live model. */
final class MoveRequests {

    private final Workspace workspace;
    private final EstateFeed feed;

    MoveRequests(Workspace workspace, EstateFeed feed) {
        this.workspace = workspace;
        this.feed = feed;
    }

    /** See {@link LiveSession#moveRequest}. */
    MoveRequest of(String name, String database, String partition, String targetServer, String user) {
        // A leader first known through a Patroni REST seed has no PostgreSQL address until etcd or its own REST
        // answer names it (a one-shot command can get there first): wait for it, briefly, rather than use port 0.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            MoveRequest request = now(name, database, partition, targetServer, user);
            if (request.coordinator().port() > 0 || System.nanoTime() > deadline) {
                if (request.coordinator().port() <= 0) {
                    throw new IllegalArgumentException("the PostgreSQL address of " + request.coordinator().label()
                            + ", the coordinator's primary, is not known yet; try again in a moment");
                }
                return request;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalArgumentException("interrupted while waiting for the coordinator's address");
            }
        }
    }

    private MoveRequest now(String name, String database, String partition, String targetServer, String user) {
        List<ClusterSnapshot> clusters = feed.latest().clusters().stream()
                .filter(c -> name == null ? !isPlain(c.source())
                        : name.equals(c.scope()) || name.equals(c.source() + "/" + c.scope())).toList();
        if (clusters.size() != 1) {
            throw new IllegalArgumentException(clusters.isEmpty()
                    ? "no cluster " + (name == null ? "with a manager" : name) + " in the workspace; name the "
                    + "coordinator's cluster with --cluster (pilothouse snapshot lists them)"
                    : "several clusters match; name the coordinator's with --cluster: " + clusters.stream()
                    .map(c -> c.source() + "/" + c.scope()).toList());
        }
        ClusterSnapshot c = clusters.get(0);
        Member primary = c.leaderMember().orElseThrow(() ->
                new IllegalArgumentException("cluster " + c.scope() + " has no primary now; wait for its leader"));
        String db = database != null && !database.isBlank() ? database : workspace.sources().stream()
                .filter(s -> s.name().equals(c.source())).findFirst()
                .map(s -> s.postgres() == null ? "postgres" : s.postgres().database()).orElse("postgres");
        return new MoveRequest(c.source() + "/" + c.scope(),
                new ReshardNode(primary.name(), c.source(), primary.host(), primary.port(), db), partition,
                targetServer, user);
    }

    private boolean isPlain(String source) {
        return workspace.sources().stream().anyMatch(s -> s.name().equals(source) && s.isPlain());
    }
}
