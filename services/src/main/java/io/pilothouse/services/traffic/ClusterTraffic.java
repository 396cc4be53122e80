package io.pilothouse.services.traffic;

import io.pilothouse.services.model.TrafficProblem;
import java.util.List;

/**
 * The traffic layer in front of one cluster (one workspace source with {@code traffic:} keys).
 *
 * @param source      the workspace source
 * @param scope       the cluster it was joined to, or null when no cluster of the source is known yet
 * @param leader      that cluster's leader when read, or null
 * @param entryPoints every entry point, with where it sends reads and writes now
 * @param haproxy     the HAProxy, or null when the workspace names none
 * @param pgbouncer   the PgBouncer, or null when the workspace names none
 * @param pgpool      the Pgpool-II, or null when the workspace names none
 * @param problems    disagreements and failures, each raised as an alert
 */
public record ClusterTraffic(String source, String scope, String leader, List<EntryPoint> entryPoints,
                             HaproxyStatus haproxy, PgbouncerStatus pgbouncer, PgpoolStatus pgpool,
                             List<TrafficProblem> problems) {

    public ClusterTraffic {
        entryPoints = List.copyOf(entryPoints);
        problems = List.copyOf(problems);
    }
}
