package io.pilothouse.services.switchover;

import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.live.LiveExecutors;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.patroni.PatroniAuthLookup;
import io.pilothouse.services.patroni.PatroniRestClient;
import io.pilothouse.services.policy.OperationGuard;

import java.time.Clock;
import java.util.function.Function;

/** Wires a {@link SwitchoverService} onto a running live model: its feed, its SQL connections, its executors. */
public final class Switchovers {

    private Switchovers() {
    }

    /**
     * The service for every cluster {@code monitor} follows.
     *
     * @param auth REST credentials per member ({@link PatroniAuthLookup#NONE} when none)
     */
    public static SwitchoverService on(EstateMonitor monitor, LiveExecutors executors, LiveSettings live,
                                       OperationGuard guard, PatroniAuthLookup auth,
                                       SwitchoverSettings settings) {
        PatroniRestClient rest = monitor.patroniRest();
        FactsCollector facts = new FactsCollector(rest, monitor::open, executors.io(), Clock.systemUTC(),
                settings.factsTimeout());
        Function<ClusterSnapshot, WriteProbe.PrimaryConnector> probes = c -> () -> monitor.openPrimary(c);
        Function<ClusterSnapshot, WriteEndpoint> endpoints = c -> monitor.writeEndpoint(c.source())
                .map(a -> new WriteEndpoint(a.toString(), () -> monitor.openFresh(c.source(), a),
                        m -> monitor.openFresh(c.source(),
                                new io.pilothouse.services.workspace.NodeAddress(m.host(), m.port()))))
                .orElse(null);
        return new SwitchoverService(monitor.feed(), facts, rest, guard, auth, probes, executors.io(), endpoints,
                Clock.systemUTC(), settings);
    }
}
