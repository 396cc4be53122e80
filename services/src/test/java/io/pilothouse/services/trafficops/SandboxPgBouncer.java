package io.pilothouse.services.trafficops;

import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;

import java.time.Duration;
import java.util.Optional;

/** The PgBouncer of a {@code --poolers} sandbox: its admin console (password from the sandbox pgpass) and the app. */
final class SandboxPgBouncer {

    /** The database clients use through it ({@code app}, owned by the app user). */
    static final String DATABASE = "app";

    private final SandboxInfo sandbox;

    SandboxPgBouncer(SandboxInfo sandbox) {
        this.sandbox = sandbox;
    }

    int port() {
        return sandbox.pgbouncer().port();
    }

    String appUser() {
        return sandbox.appUser();
    }

    String appPassword() {
        return SandboxConnections.password(sandbox.passfile(), "127.0.0.1", sandbox.haproxy().writePort(), DATABASE,
                sandbox.appUser()).orElseThrow();
    }

    PgBouncerAddress address() {
        return new PgBouncerAddress("127.0.0.1", port(), sandbox.pgbouncer().adminUser());
    }

    /** The admin console, its password read from the sandbox pgpass as the app's wiring does. */
    PgBouncerConnector console() {
        return connector(address(), SandboxConnections.password(sandbox.passfile(), "127.0.0.1", port(),
                "pgbouncer", sandbox.pgbouncer().adminUser()).orElseThrow());
    }

    /** A console as a user PgBouncer does not know. */
    PgBouncerConnector strangerConsole() {
        return connector(new PgBouncerAddress("127.0.0.1", port(), "nobody_here"), "wrong");
    }

    private static PgBouncerConnector connector(PgBouncerAddress a, String password) {
        return new PgBouncerConnector() {
            @Override
            public PgBouncerAddress address() {
                return a;
            }

            @Override
            public PgBouncerAdmin open() throws TrafficSourceException {
                return PgBouncerAdmin.open(a, () -> Optional.of(password.toCharArray()), Duration.ofSeconds(5));
            }
        };
    }
}
