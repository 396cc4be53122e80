package io.pilothouse.services.workspace;

import java.util.ArrayList;
import java.util.List;

/**
 * The traffic layer in front of one cluster: where its load balancer's stats and its poolers' admin interfaces are.
 * No password here: PgBouncer's admin password comes from the source's pgpass (database {@code pgbouncer}), the PCP
 * password from the same pgpass (database {@code *}).
 *
 * @param haproxy   HAProxy's stats, or null
 * @param pgbouncer PgBouncer's admin console, or null
 * @param pgpool    Pgpool-II, or null
 */
public record TrafficConfig(Haproxy haproxy, Pgbouncer pgbouncer, Pgpool pgpool) {

    /**
     * HAProxy's statistics and, optionally, its runtime API.
     *
     * @param stats  the CSV stats URL, e.g. {@code http://127.0.0.1:7000/stats;csv}
     * @param socket the absolute path of its {@code stats socket ... level admin} (drain, maintenance, ready), or
     *               null when this workspace does not change HAProxy's servers
     */
    public record Haproxy(String stats, String socket) {}

    /**
     * PgBouncer's admin console (the virtual database {@code pgbouncer}).
     *
     * @param address {@code host:port} PgBouncer listens on
     * @param user    a user in its {@code admin_users} (or {@code stats_users} for reading only)
     */
    public record Pgbouncer(String address, String user) {}

    /**
     * Pgpool-II.
     *
     * @param address {@code host:port} Pgpool listens on ({@code SHOW POOL_NODES} is asked there, as the source's
     *                PostgreSQL user)
     * @param pcpPort its PCP port, or null
     * @param pcpUser the {@code pcp.conf} user, or null
     */
    public record Pgpool(String address, Integer pcpPort, String pcpUser) {}

    /** What is wrong with these settings, each problem prefixed with {@code where}. */
    List<String> problems(String where) {
        List<String> problems = new ArrayList<>();
        if (haproxy != null) {
            UrlRules.problem(haproxy.stats(), where + ".haproxy.stats", "http://127.0.0.1:7000/stats;csv")
                    .ifPresent(problems::add);
            socket(haproxy.socket(), where + ".haproxy.socket", problems);
        }
        if (pgbouncer != null) {
            address(pgbouncer.address(), where + ".pgbouncer.address", problems);
            if (pgbouncer.user() == null || pgbouncer.user().isBlank()) {
                problems.add(where + ".pgbouncer.user is missing; name a user of PgBouncer's admin_users or "
                        + "stats_users, e.g. user: pgbouncer_admin");
            }
        }
        if (pgpool != null) {
            address(pgpool.address(), where + ".pgpool.address", problems);
            if (pgpool.pcpPort() != null && (pgpool.pcpPort() < 1 || pgpool.pcpPort() > 65535)) {
                problems.add(where + ".pgpool.pcpPort " + pgpool.pcpPort() + " is outside 1..65535");
            }
        }
        return problems;
    }

    private static void socket(String value, String where, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value.isBlank() || !value.startsWith("/") || value.indexOf('\0') >= 0) {
            problems.add(where + " '" + value + "' is not an absolute path; write the path of HAProxy's admin-level "
                    + "stats socket, e.g. /run/haproxy/admin.sock, or leave the key out");
        }
    }

    private static void address(String value, String where, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(where + " is missing; write host:port, e.g. " + NodeAddress.EXAMPLE);
            return;
        }
        NodeAddress.parseOrProblem(value).ifPresent(problem -> problems.add(where + " " + problem));
    }
}
