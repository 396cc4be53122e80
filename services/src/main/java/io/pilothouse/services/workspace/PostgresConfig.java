package io.pilothouse.services.workspace;

/**
 * PostgreSQL connection settings shared by every member of a source. No password here, ever.
 *
 * @param user     role to connect as (a {@code pg_monitor} member is enough to watch)
 * @param database database to connect to
 * @param passfile a pgpass-format file to read the password from, or null for {@code PGPASSFILE}/{@code ~/.pgpass}
 * @param sslmode  libpq-style sslmode ({@code disable}, {@code prefer}, {@code require}, {@code verify-ca},
 *                 {@code verify-full}); null means {@code prefer}
 */
public record PostgresConfig(String user, String database, String passfile, String sslmode) {

    public PostgresConfig {
        user = user == null || user.isBlank() ? "postgres" : user;
        database = database == null || database.isBlank() ? "postgres" : database;
        sslmode = sslmode == null || sslmode.isBlank() ? "prefer" : sslmode;
    }
}
