package io.pilothouse.services.sandbox.sharding;

/**
 * SQL string literals for the few places that cannot take a bind parameter (DDL options such as a foreign server's
 * {@code host} or a user mapping's {@code password}).
 */
final class SqlLiterals {

    private SqlLiterals() {
    }

    /**
     * {@code value} as a standard-conforming string literal: single quotes doubled, wrapped in single quotes.
     *
     * @throws IllegalArgumentException for a NUL character, which PostgreSQL cannot store in text
     */
    static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL literal cannot contain a NUL character");
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
