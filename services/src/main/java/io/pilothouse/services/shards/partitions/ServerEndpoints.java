package io.pilothouse.services.shards.partitions;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Member;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The servers a postgres_fdw foreign server's {@code host} and {@code port} options name. libpq takes comma-separated
 * lists there (one port for every host, or one port per host) and, with {@code target_session_attrs 'read-write'},
 * connects to whichever is primary; {@link #current} makes the same choice from the live model instead of by trying.
 */
public final class ServerEndpoints {

    /** libpq's default port. */
    public static final int DEFAULT_PORT = 5432;

    /** One {@code host:port} of the list. */
    public record Endpoint(String host, int port) {}

    private ServerEndpoints() {}

    /**
     * The endpoints of the options, in order; empty when there is no host, a host or port is blank, a port is not a
     * number, or the two lists do not pair up (libpq refuses those too).
     *
     * @param hostOption the {@code host} option, e.g. {@code 10.0.0.1,10.0.0.2}
     * @param portOption the {@code port} option, or {@code null} for {@value #DEFAULT_PORT}
     */
    public static Optional<List<Endpoint>> parse(String hostOption, String portOption) {
        if (hostOption == null || hostOption.isBlank()) {
            return Optional.empty();
        }
        String[] hosts = hostOption.split(",", -1);
        String[] ports = (portOption == null ? Integer.toString(DEFAULT_PORT) : portOption).split(",", -1);
        if (ports.length != 1 && ports.length != hosts.length) {
            return Optional.empty();
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            String host = hosts[i].trim();
            String port = ports[ports.length == 1 ? 0 : i].trim();
            if (host.isEmpty()) {
                return Optional.empty();
            }
            try {
                endpoints.add(new Endpoint(host, Integer.parseInt(port)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(List.copyOf(endpoints));
    }

    /**
     * The endpoint that takes writes now: the leader of the live cluster that has a member at one of
     * {@code endpoints}, when that leader is one of them; otherwise (a single endpoint, no live model, no such cluster
     * or no leader) the first.
     */
    public static Endpoint current(List<Endpoint> endpoints, EstateSnapshot estate) {
        if (endpoints.size() == 1 || estate == null) {
            return endpoints.get(0);
        }
        for (ClusterSnapshot cluster : estate.clusters()) {
            boolean ours = cluster.members().stream().anyMatch(m -> endpoints.contains(endpointOf(m)));
            Optional<Endpoint> leader = cluster.leaderMember().map(ServerEndpoints::endpointOf);
            if (ours && leader.isPresent() && endpoints.contains(leader.get())) {
                return leader.get();
            }
        }
        return endpoints.get(0);
    }

    private static Endpoint endpointOf(Member m) {
        return new Endpoint(m.host(), m.port());
    }
}
