package io.pilothouse.services.credentials;

import io.pilothouse.services.workspace.PostgresConfig;

import java.util.Objects;

/**
 * Which password is wanted: the libpq key (host, port, database, user) plus the passfile the workspace names.
 * Holds no secret.
 *
 * @param host     host name or address as used to connect; null or blank means {@code localhost}, as in libpq
 * @param port     TCP port, e.g. 5432
 * @param database database name
 * @param user     role name
 * @param passfile explicit pgpass file from the workspace, or null for {@code PGPASSFILE} / {@code ~/.pgpass}
 */
public record CredentialRequest(String host, int port, String database, String user, String passfile) {

    /** libpq's name for "this machine", used for pgpass matching and keyring accounts. */
    public static final String LOCALHOST = "localhost";

    public CredentialRequest {
        host = host == null || host.isBlank() ? LOCALHOST : host.trim();
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        passfile = passfile == null || passfile.isBlank() ? null : passfile;
    }

    /** The request for one member of a source, with the source's user, database and passfile. */
    public static CredentialRequest of(String host, int port, PostgresConfig postgres) {
        return new CredentialRequest(host, port, postgres.database(), postgres.user(), postgres.passfile());
    }

    /** {@code user@host:port/database}, for messages. */
    public String describe() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
