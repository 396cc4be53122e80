package io.pilothouse.services.traffic;

import java.time.Instant;

/**
 * What a connection THROUGH an entry point reached: never identified by port alone, but by the address the server
 * reports ({@code inet_server_addr()}, {@code inet_server_port()}) joined to a member, checked by the server's system
 * identifier (the cluster) and {@code pg_is_in_recovery()} (primary or not).
 *
 * @param member           the member whose address the server reported, or null when none matches
 * @param serverAddress    {@code host:port} the server reported, or null
 * @param systemIdentifier the server's {@code pg_control_system().system_identifier}, or null
 * @param inRecovery       the server's {@code pg_is_in_recovery()}, or null when not asked
 * @param error            one line when the connection or the query failed, else null
 * @param at               when it was asked
 */
public record Verification(String member, String serverAddress, Long systemIdentifier, Boolean inRecovery,
                           String error, Instant at) {

    /** True when the connection answered and reached a primary. */
    public boolean reachedPrimary() {
        return error == null && Boolean.FALSE.equals(inRecovery);
    }
}
