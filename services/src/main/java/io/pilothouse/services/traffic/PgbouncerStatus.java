package io.pilothouse.services.traffic;

import java.util.List;

/**
 * A PgBouncer as last read through its admin console.
 *
 * @param address   {@code host:port}
 * @param user      the admin or stats user it was read as
 * @param status    how the last read went
 * @param databases {@code SHOW DATABASES}, the console excluded
 * @param pools     {@code SHOW POOLS}, the console excluded
 * @param servers   {@code SHOW SERVERS}
 */
public record PgbouncerStatus(String address, String user, ComponentStatus status, List<PgbouncerDatabase> databases,
                              List<PgbouncerPool> pools, List<PgbouncerServer> servers) {

    public PgbouncerStatus {
        databases = List.copyOf(databases);
        pools = List.copyOf(pools);
        servers = List.copyOf(servers);
    }
}
