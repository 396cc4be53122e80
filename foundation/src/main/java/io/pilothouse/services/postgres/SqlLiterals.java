package io.pilothouse.services.postgres;

/**
 * SQL string literals for the few places that cannot take a bind parameter (DDL options such as a foreign server's
 * {@code host} or a user mapping's {@code password}; the gid of {@code COMMIT PREPARED}). The one place literals
 * are quoted; identifiers are {@link SqlIdentifiers}' job.
 */
public final class SqlLiterals {

    private SqlLiterals() {
    }

    /**
     * {@code value} as a standard-conforming string literal: single quotes doubled, wrapped in single quotes.
     *
     * @throws IllegalArgumentException for a NUL character, which PostgreSQL cannot store in text
     */
    public static String quote(String value) {
        return quote(value, true);
    }

    /**
     * {@code value} as a literal for a connection whose {@code standard_conforming_strings} is as given: with it off,
     * an {@code E'…'} literal with backslashes doubled, so the server reads back exactly {@code value}.
     *
     * @throws IllegalArgumentException for a NUL character, which PostgreSQL cannot store in text
     */
    public static String quote(String value, boolean standardConformingStrings) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL literal cannot contain a NUL character");
        }
        String quotesDoubled = value.replace("'", "''");
        return standardConformingStrings ? "'" + quotesDoubled + "'"
                : "E'" + quotesDoubled.replace("\\", "\\\\") + "'";
    }
}
