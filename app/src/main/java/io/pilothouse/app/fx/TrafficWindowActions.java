package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.TrafficWiring;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.trafficops.HaproxyRuntime;
import io.pilothouse.services.trafficops.PgBouncerConnector;
import io.pilothouse.services.trafficops.TrafficPreview;
import io.pilothouse.views.tasks.Tasks;
import io.pilothouse.views.traffic.TrafficActions;
import io.pilothouse.views.traffic.TrafficOperation;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The Traffic tab's operations on a live session: previews and runs on its I/O executor. */
final class TrafficWindowActions implements TrafficActions {

    private final LiveSession session;
    private final TrafficWiring traffic;

    TrafficWindowActions(LiveSession session) {
        this.session = session;
        this.traffic = session.trafficOps();
    }

    @Override
    public boolean readOnly() {
        return session.guard().isReadOnly();
    }

    @Override
    public CompletableFuture<TrafficPreview> preview(TrafficOperation op) {
        return Tasks.supply(session.ioExecutor(), () -> op.onHaproxy()
                ? traffic.operations().previewServerState(haproxy(op), op.backend(), op.server(), op.state())
                : traffic.operations().previewPgBouncer(console(op), op.database(), op.command()));
    }

    @Override
    public CompletableFuture<String> run(TrafficOperation op) {
        return Tasks.supply(session.ioExecutor(), () -> {
            ClusterSnapshot cluster = session.cluster(op.source() + "/" + op.scope()).orElseThrow(() ->
                    new IllegalStateException("cluster " + op.scope() + " is not in the live model now; nothing "
                            + "was done"));
            return op.onHaproxy()
                    ? traffic.operations().setServerState(cluster, haproxy(op), op.backend(), op.server(), op.state())
                    : traffic.operations().pgBouncer(cluster, console(op), op.database(), op.command());
        });
    }

    private HaproxyRuntime haproxy(TrafficOperation op) {
        return new HaproxyRuntime(traffic.haproxySocket(op.source()).orElseThrow(() -> new IllegalStateException(
                "the workspace names no HAProxy admin socket for " + op.source() + " (traffic.haproxy.socket, "
                        + "e.g. /run/haproxy/admin.sock); nothing was done")), Duration.ofSeconds(3));
    }

    private PgBouncerConnector console(TrafficOperation op) {
        return traffic.console(op.source()).orElseThrow(() -> new IllegalStateException("the workspace names no "
                + "PgBouncer for " + op.source() + " (traffic.pgbouncer); nothing was done"));
    }
}
