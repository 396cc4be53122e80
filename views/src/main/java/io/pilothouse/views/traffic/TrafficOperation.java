package io.pilothouse.views.traffic;

import io.pilothouse.services.trafficops.HaproxyServerState;
import io.pilothouse.services.trafficops.PgBouncerCommand;

/**
 * An operation the Traffic tab asks for: an HAProxy server state, or a PgBouncer command for a database.
 *
 * @param source   the workspace source of the cluster
 * @param scope    the cluster
 * @param backend  the HAProxy backend, or null
 * @param server   the HAProxy server, or null
 * @param state    the HAProxy state, or null
 * @param database the PgBouncer database, or null
 * @param command  the PgBouncer command, or null
 */
public record TrafficOperation(String source, String scope, String backend, String server, HaproxyServerState state,
                               String database, PgBouncerCommand command) {

    /** {@code set server backend/server state …}. */
    public static TrafficOperation haproxy(String source, String scope, String backend, String server,
                                           HaproxyServerState state) {
        return new TrafficOperation(source, scope, backend, server, state, null, null);
    }

    /** {@code PAUSE|RESUME|RECONNECT database}. */
    public static TrafficOperation pgbouncer(String source, String scope, String database, PgBouncerCommand command) {
        return new TrafficOperation(source, scope, null, null, null, database, command);
    }

    /** True for an HAProxy operation. */
    public boolean onHaproxy() {
        return state != null;
    }

    /** What the operator types to confirm: the server's or the database's name. */
    public String nameToType() {
        return onHaproxy() ? server : database;
    }
}
