package io.pilothouse.services.postgres;

import io.pilothouse.services.credentials.Credential;
import io.pilothouse.services.credentials.CredentialRequest;
import io.pilothouse.services.credentials.CredentialResolver;
import io.pilothouse.services.workspace.PostgresConfig;

import java.util.Optional;

/** Finds the password for a connection (pgpass, OS keyring, a prompt). Implementations never log what they return. */
@FunctionalInterface
public interface PasswordLookup {

    /** No password: rely on trust, peer or certificate authentication. */
    PasswordLookup NONE = (host, port, config) -> Optional.empty();

    /** The password for this connection, if one is known. */
    Optional<char[]> find(String host, int port, PostgresConfig config);

    /** A lookup through the credential chain (pgpass, keyring, prompt). */
    static PasswordLookup through(CredentialResolver resolver) {
        return (host, port, config) -> {
            Credential c = resolver.resolve(CredentialRequest.of(host, port, config));
            return c.hasPassword() ? Optional.of(c.password().clone()) : Optional.empty();
        };
    }
}
