package io.pilothouse.services.indoubt;

import io.pilothouse.services.postgres.SqlLiterals;

import java.nio.charset.StandardCharsets;

/**
 * The one place a two-phase-commit gid becomes an SQL string literal.
 *
 * <p>Why a literal at all: {@code COMMIT PREPARED}, {@code ROLLBACK PREPARED} (and {@code PREPARE TRANSACTION}) are
 * utility statements whose gid is part of the grammar, not an expression, so it cannot be a bind parameter. A gid is
 * chosen by whatever transaction manager prepared the branch and may contain any character but NUL: quotes,
 * backslashes, {@code $$}, {@code ;}, newlines. Quoting it wrongly either resolves another branch or runs whatever
 * follows a stray quote, so every statement that names a gid is built here and nowhere else.
 *
 * <p>How a literal is read depends on the session's {@code standard_conforming_strings}: when on (the default since
 * 9.1), a backslash in {@code '...'} is an ordinary character and only {@code '} needs doubling; when off, a backslash
 * in {@code '...'} starts an escape. For that case we use the escape-string syntax {@code E'...'}, whose rules do not
 * depend on the setting, and escape both {@code \} and {@code '}. Read the setting from the very connection that will
 * run the statement ({@code SHOW standard_conforming_strings}); it can be changed per role, database or session.
 *
 * <p>Refused up front, with a message that says why: null, empty, a NUL character (PostgreSQL text cannot hold it),
 * an unpaired UTF-16 surrogate (it cannot be encoded, so the server would see a different gid), and more than
 * {@value #MAX_BYTES} bytes in UTF-8 (the server's {@code GIDSIZE} is 200 bytes including the terminator; a longer gid
 * cannot name any prepared transaction).
 */
public final class GidLiteral {

    /** The longest gid PostgreSQL accepts, in UTF-8 bytes: {@code GIDSIZE} (200) minus the terminating NUL. */
    public static final int MAX_BYTES = 199;

    private GidLiteral() {
    }

    /**
     * {@code abc} → {@code 'abc'}; {@code it's} → {@code 'it''s'}; with {@code standardConformingStrings} off,
     * {@code a\b} → {@code E'a\\b'}.
     *
     * @param standardConformingStrings the value of {@code standard_conforming_strings} on the connection that will
     *                                  run the statement
     * @throws IllegalArgumentException if the gid is null, empty, contains NUL or an unpaired surrogate, or is longer
     *                                  than {@value #MAX_BYTES} bytes in UTF-8
     */
    public static String quote(String gid, boolean standardConformingStrings) {
        check(gid);
        return SqlLiterals.quote(gid, standardConformingStrings);
    }

    /** {@code COMMIT PREPARED <literal>}; run it with autocommit on, in the branch's database. */
    public static String commit(String gid, boolean standardConformingStrings) {
        return "COMMIT PREPARED " + quote(gid, standardConformingStrings);
    }

    /** {@code ROLLBACK PREPARED <literal>}; run it with autocommit on, in the branch's database. */
    public static String rollback(String gid, boolean standardConformingStrings) {
        return "ROLLBACK PREPARED " + quote(gid, standardConformingStrings);
    }

    /**
     * Parses a {@code SHOW standard_conforming_strings} / {@code current_setting} value ({@code on}/{@code off}).
     *
     * @throws IllegalArgumentException for anything else, rather than guessing
     */
    public static boolean standardConformingStrings(String setting) {
        if (setting != null) {
            switch (setting.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "on", "true", "yes", "1" -> {
                    return true;
                }
                case "off", "false", "no", "0" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("unexpected standard_conforming_strings value: " + setting);
    }

    /**
     * Checks that {@code gid} can name a prepared transaction at all, before anything is read: the command line
     * refuses a bad gid as bad input instead of searching the estate for it.
     *
     * @throws IllegalArgumentException as {@link #quote}
     */
    public static void validate(String gid) {
        check(gid);
    }

    private static void check(String gid) {
        if (gid == null) {
            throw new IllegalArgumentException("a gid cannot be null");
        }
        if (gid.isEmpty()) {
            throw new IllegalArgumentException("a gid cannot be empty");
        }
        for (int i = 0; i < gid.length(); i++) {
            char c = gid.charAt(i);
            if (c == '\0') {
                throw new IllegalArgumentException("a gid cannot contain a NUL character (at index " + i + ")");
            }
            if (Character.isHighSurrogate(c) && i + 1 < gid.length() && Character.isLowSurrogate(gid.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(
                        "a gid cannot contain an unpaired UTF-16 surrogate (at index " + i + "): it has no UTF-8 form");
            }
        }
        int bytes = gid.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("a gid is at most " + MAX_BYTES + " bytes in UTF-8 (PostgreSQL's GIDSIZE "
                    + "is 200 including the terminator); this one is " + bytes + " bytes");
        }
    }
}
