package io.pilothouse.services.postgres;

import java.util.Optional;

/** Finds the password for a connection (pgpass, OS keyring, a prompt). Implementations never log what they return. */
@FunctionalInterface
public interface PasswordLookup {

    /** No password: rely on trust, peer or certificate authentication. */
    PasswordLookup NONE = (host, port, database, user) -> Optional.empty();

    /** The password for this connection, if one is known. */
    Optional<char[]> find(String host, int port, String database, String user);
}
