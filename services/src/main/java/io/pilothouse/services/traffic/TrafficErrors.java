package io.pilothouse.services.traffic;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;

/** One line for a failed read: what happened and, where it helps, what to do. Never a stack trace. */
final class TrafficErrors {

    private TrafficErrors() {}

    static String describe(Throwable e, String what, String address, String user) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("28")) {
                break;
            }
            root = root.getCause();
        }
        if (e instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("28")) {
            return what + " at " + address + " refused user " + user + " (" + firstLine(sql.getMessage())
                    + "); check that the user is allowed there and its password is in the pgpass";
        }
        if (root instanceof ConnectException) {
            return "nothing answers at " + address + " (connection refused); is " + what + " running there?";
        }
        if (root instanceof SocketTimeoutException || root instanceof HttpTimeoutException) {
            return what + " at " + address + " did not answer in time (it hangs or is overloaded)";
        }
        if (e instanceof SQLException sql && "08001".equals(sql.getSQLState())
                && String.valueOf(sql.getMessage()).contains("timed out")) {
            return what + " at " + address + " did not answer in time (it hangs or is overloaded)";
        }
        return what + " at " + address + ": " + firstLine(e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage());
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().split("\\R", 2)[0];
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
