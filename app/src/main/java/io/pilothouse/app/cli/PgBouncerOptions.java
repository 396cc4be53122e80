package io.pilothouse.app.cli;

import io.pilothouse.services.trafficops.PgBouncerAddress;
import picocli.CommandLine.Option;

/** Where a PgBouncer's admin console is and the admin user (its password from pgpass, database pgbouncer). */
final class PgBouncerOptions {

    @Option(names = "--pgbouncer", paramLabel = "HOST:PORT", description = "PgBouncer's address (default: the "
            + "workspace source's traffic.pgbouncer.address).")
    String address;

    @Option(names = "--pgbouncer-user", paramLabel = "USER", description = "A user in PgBouncer's admin_users; its "
            + "password comes from pgpass (database pgbouncer) or the keyring (default: the workspace source's "
            + "traffic.pgbouncer.user).")
    String user;

    /** The address given or the workspace's for {@code cluster}'s source, checked; a one-line error when missing. */
    PgBouncerAddress resolve(io.pilothouse.services.workspace.Workspace workspace, String source) {
        var configured = workspace.sources().stream().filter(s -> s.name().equals(source)).findFirst()
                .map(s -> s.traffic() == null ? null : s.traffic().pgbouncer()).orElse(null);
        String a = address != null ? address : configured == null ? null : configured.address();
        String u = user != null ? user : configured == null ? "pgbouncer" : configured.user();
        if (a == null) {
            throw new UserException("no PgBouncer for this cluster: name it with --pgbouncer HOST:PORT, or add "
                    + "traffic.pgbouncer (address, user) to the workspace source", 2);
        }
        try {
            return PgBouncerAddress.parse(a, u);
        } catch (IllegalArgumentException e) {
            throw new UserException("--pgbouncer: " + e.getMessage(), 2);
        }
    }

    /** True when an address was given on the command line. */
    boolean given() {
        return address != null;
    }

    /** The address given, checked; a one-line error when missing or malformed. */
    PgBouncerAddress resolve() {
        if (address == null) {
            throw new UserException("name PgBouncer with --pgbouncer HOST:PORT", 2);
        }
        try {
            return PgBouncerAddress.parse(address, user == null ? "pgbouncer" : user);
        } catch (IllegalArgumentException e) {
            throw new UserException("--pgbouncer: " + e.getMessage(), 2);
        }
    }
}
