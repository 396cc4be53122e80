package io.pilothouse.services.live;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;

/** Puts JDBC failures into words a DBA can act on. Never includes a password. */
final class SqlErrors {

    private SqlErrors() {
    }

    static String describe(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused; is PostgreSQL running on that port?";
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer in time; the server may be stalled or overloaded";
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                    case "28P01":
                    case "28000":
                        return "authentication failed: " + sql.getMessage()
                                + "; check the user and the password in your pgpass file or keyring";
                    case "3D000":
                        return "database does not exist: " + sql.getMessage();
                    case "57014":
                        return "query cancelled by statement_timeout; the server is slow to answer";
                    default:
                        break;
                }
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
