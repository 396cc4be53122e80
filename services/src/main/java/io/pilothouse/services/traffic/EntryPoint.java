package io.pilothouse.services.traffic;

import java.util.List;

/**
 * One way clients reach the cluster, and where it sends them right now.
 *
 * @param component    what serves it
 * @param name         its name in that component: an HAProxy proxy, a PgBouncer database, {@code pgpool}
 * @param address      {@code host:port} clients connect to, or null when the component does not say (an HAProxy
 *                     proxy other than the workspace's write endpoint)
 * @param role         what it is for, as its routing shows
 * @param writesTo     members writes go to right now (HAProxy: the UP servers of a write proxy; PgBouncer: the member
 *                     its connection reached; Pgpool: its primary), empty when none or unknown
 * @param readsTo      members reads go to right now, empty when none or unknown
 * @param verification what a connection through it reached, or null when not verified this way
 */
public record EntryPoint(TrafficComponent component, String name, String address, EntryRole role,
                         List<String> writesTo, List<String> readsTo, Verification verification) {

    public EntryPoint {
        writesTo = writesTo == null ? List.of() : List.copyOf(writesTo);
        readsTo = readsTo == null ? List.of() : List.copyOf(readsTo);
    }

    /** {@code haproxy primary}, {@code pgbouncer app}, {@code pgpool}: how problems and alerts name it. */
    public String label() {
        return component.key() + (name == null || name.isEmpty() || name.equals(component.key()) ? "" : " " + name);
    }
}
