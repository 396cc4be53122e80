package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.TrafficWiring;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.switchover.ClientHold;
import io.pilothouse.services.traffic.ClusterTraffic;
import io.pilothouse.services.traffic.PgbouncerDatabase;
import io.pilothouse.services.traffic.PgbouncerStatus;
import io.pilothouse.services.traffic.TrafficMonitor;
import io.pilothouse.views.switchover.HoldOffer;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The switchover wizard's "Hold clients at PgBouncer": offered when the cluster's workspace source names a PgBouncer
 * (traffic.pgbouncer), pausing the client databases it listed at the traffic monitor's last reading (every one but
 * its admin console's); run as {@code switchover --hold-clients} runs, pauses left behind by a killed app resumed
 * first.
 */
final class PgBouncerHolds {

    private final TrafficWiring wiring;
    private final TrafficMonitor traffic;

    PgBouncerHolds(LiveSession session) {
        this.wiring = session.trafficOps();
        this.traffic = session.traffic();
    }

    /** What the confirmation may offer, from what was already read (never the network). */
    Optional<HoldOffer> offer(ClusterSnapshot cluster) {
        if (traffic == null) {
            return Optional.empty();
        }
        return wiring.pgbouncer(cluster.source()).flatMap(p -> {
            List<String> databases = traffic.latest().ofSource(cluster.source()).map(ClusterTraffic::pgbouncer)
                    .map(PgbouncerStatus::databases).orElse(List.of()).stream().map(PgbouncerDatabase::name)
                    .toList(); // the readers leave out the admin console's own database
            return databases.isEmpty() ? Optional.empty() : Optional.of(new HoldOffer(p.address(), databases));
        });
    }

    /** The hold of {@code offer}'s databases; a pause left behind is resumed first and said in {@code note}. */
    ClientHold hold(ClusterSnapshot cluster, HoldOffer offer, Consumer<String> note) {
        wiring.resumeLeftPauses().forEach(line -> note.accept("left behind: " + line));
        return wiring.holdAll(cluster, offer.databases());
    }
}
