package io.pilothouse.services.workspace;

/**
 * PostgreSQL connection settings shared by every member of a source. No password here, ever.
 *
 * @param user        role to connect as (a {@code pg_monitor} member is enough to watch)
 * @param database    database to connect to
 * @param passfile    a pgpass-format file to read the password from, or null for {@code PGPASSFILE}/{@code ~/.pgpass}
 * @param sslmode     libpq-style sslmode ({@code disable}, {@code prefer}, {@code require}, {@code verify-ca},
 *                    {@code verify-full}); null means {@code verify-full} when a TLS file is given, else
 *                    {@code prefer}
 * @param sslrootcert PEM file of the CA(s) that signed the servers' certificates, or null for pgjdbc's default
 *                    ({@code ~/.postgresql/root.crt})
 * @param sslcert     PEM client certificate, or null
 * @param sslkey      the client certificate's private key, PKCS-8 DER ({@code .pk8}) or PKCS-12 ({@code .p12}) as
 *                    pgjdbc reads it, or null
 */
public record PostgresConfig(String user, String database, String passfile, String sslmode, String sslrootcert,
                             String sslcert, String sslkey) {

    public PostgresConfig {
        user = user == null || user.isBlank() ? "postgres" : user;
        database = database == null || database.isBlank() ? "postgres" : database;
        sslrootcert = blankToNull(sslrootcert);
        sslcert = blankToNull(sslcert);
        sslkey = blankToNull(sslkey);
        // TLS files configured means TLS is meant: verify the server fully rather than "prefer", which would fall
        // back to plain text in silence.
        boolean tlsConfigured = sslrootcert != null || sslcert != null || sslkey != null;
        sslmode = sslmode == null || sslmode.isBlank() ? (tlsConfigured ? "verify-full" : "prefer") : sslmode;
    }

    /** Without TLS files. */
    public PostgresConfig(String user, String database, String passfile, String sslmode) {
        this(user, database, passfile, sslmode, null, null, null);
    }

    /** The same TLS settings for another role and database (e.g. the superuser for an operation). */
    public PostgresConfig as(String otherUser, String otherDatabase) {
        return new PostgresConfig(otherUser, otherDatabase, passfile, sslmode, sslrootcert, sslcert, sslkey);
    }

    /** True when any TLS file is set. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean hasTlsFiles() {
        return sslrootcert != null || sslcert != null || sslkey != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
