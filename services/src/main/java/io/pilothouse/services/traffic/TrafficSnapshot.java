package io.pilothouse.services.traffic;

import io.pilothouse.services.model.TrafficProblem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The traffic layer of the whole workspace at one moment: immutable, published whole by the traffic monitor.
 *
 * @param clusters one entry per workspace source that has {@code traffic:} keys, in workspace order
 * @param at       when the last read finished, or null before the first
 */
public record TrafficSnapshot(List<ClusterTraffic> clusters, Instant at) {

    /** Before the first read. */
    public static final TrafficSnapshot EMPTY = new TrafficSnapshot(List.of(), null);

    public TrafficSnapshot {
        clusters = List.copyOf(clusters);
    }

    /** The traffic layer of {@code source}, if it has one. */
    public Optional<ClusterTraffic> ofSource(String source) {
        return clusters.stream().filter(c -> c.source().equals(source)).findFirst();
    }

    /** Every problem of every cluster. */
    public List<TrafficProblem> problems() {
        return clusters.stream().flatMap(c -> c.problems().stream()).toList();
    }
}
