package io.pilothouse.services.traffic;

/**
 * One database of PgBouncer's {@code SHOW DATABASES} (the admin console {@code pgbouncer} excluded).
 *
 * @param name               the name clients connect to
 * @param host               the server host it connects to, or null
 * @param port               the server port
 * @param database           the server database
 * @param poolSize           {@code pool_size}
 * @param currentConnections {@code current_connections}
 * @param paused             {@code paused}: PAUSE is in effect, new client queries wait
 * @param disabled           {@code disabled}: new clients are refused
 */
public record PgbouncerDatabase(String name, String host, int port, String database, int poolSize,
                                int currentConnections, boolean paused, boolean disabled) {

    /** {@code host:port} of the server it connects to, or null. */
    public String target() {
        return host == null || host.isEmpty() ? null : host + ":" + port;
    }
}
