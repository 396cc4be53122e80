package io.pilothouse.services.postgres;

/**
 * The one place identifiers (role, database, table names) are quoted for SQL that cannot take them as parameters
 * (DDL). Always quotes, so a name is taken literally whatever its case or characters.
 */
public final class SqlIdentifiers {

    /** PostgreSQL truncates identifiers longer than NAMEDATALEN - 1 bytes; refuse rather than truncate silently. */
    private static final int MAX_BYTES = 63;

    private SqlIdentifiers() {
    }

    /**
     * {@code app} → {@code "app"}; {@code a"b} → {@code "a""b"}.
     *
     * @throws IllegalArgumentException for an empty name, a NUL character, or more than 63 bytes in UTF-8
     */
    public static String quote(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier cannot be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL identifier cannot contain a NUL character");
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("SQL identifier longer than " + MAX_BYTES + " bytes: " + name);
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
