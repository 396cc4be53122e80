package io.pilothouse.app.cli;

import io.pilothouse.services.trafficops.PgBouncerAddress;
import picocli.CommandLine.Option;

/** Where a PgBouncer's admin console is and the admin user (its password from pgpass, database pgbouncer). */
final class PgBouncerOptions {

    @Option(names = "--pgbouncer", paramLabel = "HOST:PORT", description = "PgBouncer's address.")
    String address;

    @Option(names = "--pgbouncer-user", paramLabel = "USER", defaultValue = "pgbouncer",
            description = "A user in PgBouncer's admin_users; its password comes from pgpass (database pgbouncer) or "
                    + "the keyring (default: ${DEFAULT-VALUE}).")
    String user;

    /** The address given, checked; a one-line error when missing or malformed. */
    PgBouncerAddress resolve() {
        if (address == null) {
            throw new UserException("name PgBouncer with --pgbouncer HOST:PORT", 2);
        }
        try {
            return PgBouncerAddress.parse(address, user);
        } catch (IllegalArgumentException e) {
            throw new UserException("--pgbouncer: " + e.getMessage(), 2);
        }
    }
}
