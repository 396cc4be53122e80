package io.pilothouse.services.postgres;

import java.sql.SQLException;

/**
 * The server asked for a password and none was known (pgpass, keyring, prompt): the message names the pgpass line
 * and the keyring command that would supply it. Never carries a password.
 */
public final class NoPasswordException extends SQLException {

    private static final long serialVersionUID = 1L;

    /** pgjdbc's SQLSTATE for "the server requested … authentication, but no password was provided". */
    static final String STATE = "08004";

    NoPasswordException(String advice, SQLException driver) {
        super(advice, STATE, driver);
    }

    /** True when {@code e}'s chain holds pgjdbc's "no password was provided" refusal. */
    static boolean isDriverRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && STATE.equals(sql.getSQLState()) && sql.getMessage() != null
                    && sql.getMessage().contains("no password was provided")) {
                return true;
            }
        }
        return false;
    }
}
