package io.pilothouse.services.trafficops;

import java.util.Objects;

/**
 * Where a PgBouncer's admin console is and who to log in as ({@code admin_users}); the password never lives here.
 *
 * @param host     its listen address
 * @param port     its listen port
 * @param user     an admin user
 */
public record PgBouncerAddress(String host, int port, String user) {

    public PgBouncerAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("PgBouncer's port must be in 1..65535, not " + port);
        }
    }

    /** {@code host:port}. */
    public String label() {
        return host + ":" + port;
    }

    /** Parses {@code host:port} with the admin user given apart. */
    public static PgBouncerAddress parse(String hostPort, String user) {
        int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("PgBouncer's address is host:port, not '" + hostPort + "'");
        }
        try {
            return new PgBouncerAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)),
                    user);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PgBouncer's address is host:port, not '" + hostPort + "'");
        }
    }
}
