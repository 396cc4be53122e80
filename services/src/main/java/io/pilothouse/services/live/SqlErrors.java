package io.pilothouse.services.live;

import io.pilothouse.services.postgres.SqlFailure;

import java.net.ConnectException;
import java.sql.SQLException;

/** Puts JDBC failures into words a DBA can act on. Never includes a password. */
final class SqlErrors {

    private SqlErrors() {
    }

    /** The cause in words with the server's own message (see {@link SqlFailure}), never the pool's. */
    static String describe(Exception e) {
        return SqlFailure.of(e).describe();
    }

    static boolean refused(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && "08001".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("refused")) {
                return true;
            }
        }
        return false;
    }
}
