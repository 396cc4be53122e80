package io.pilothouse.services.postgres;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import javax.net.ssl.SSLException;
import io.pilothouse.services.platform.TlsFailures;

/**
 * Why a connection or a read failed, told from the whole cause chain, with the server's own words: a connection
 * pool wraps the driver's exception in one of its own ("Connection is not available, request timed out") that says
 * nothing of the cause. Never includes a password (the driver never puts one in a message).
 *
 * @param cause   what kind of failure
 * @param message the server's (or the driver's) words for it, e.g. {@code FATAL: password authentication failed for
 *                user "monitor"}
 */
public record SqlFailure(Cause cause, String message) {

    /** The kinds of failure a DBA acts on differently. */
    public enum Cause {
        /** The server refused the login (SQLSTATE 28P01 or 28000): wrong password, no pg_hba.conf entry, no role. */
        AUTHENTICATION_FAILED("authentication failed", "check the user and the password in your pgpass file or "
                + "keyring, and pg_hba.conf; Pilothouse waits before trying again so as not to lock the account"),
        /** The server asks for a password and none is in pgpass or the keyring, nor was one typed. */
        NO_PASSWORD("no password", null),
        /** Something answered on the port but did not speak the PostgreSQL protocol. */
        NOT_POSTGRES("not a PostgreSQL server", "check the port: something else listens there"),
        /** The TLS handshake failed or the server does not offer TLS while {@code sslmode} asks for it. */
        TLS("TLS failed", "check sslmode in the workspace and the server's ssl settings and certificates"),
        /** No answer in time: the server is stalled (stopped process, overloaded) or the network drops packets. */
        TIMEOUT("no answer in time", "the server may be stalled or overloaded, packets may be dropped on the way, "
                + "or what listens on that port is not PostgreSQL (an HTTP or gRPC server waits silently)"),
        /** Nothing listens on the port (or a firewall rejects it). */
        REFUSED("connection refused", "is PostgreSQL running on that port?"),
        /** The host name does not resolve or there is no route to it. */
        UNKNOWN_HOST("host not reachable", "check the host name and the network"),
        /** The database named does not exist. */
        DATABASE_MISSING("database does not exist", "check the database in the workspace"),
        /** The server has no connection slot left for this role (SQLSTATE 53300, {@code max_connections}). */
        NO_FREE_CONNECTION_SLOT("the server has no free connection slot", "max_connections is reached on that "
                + "server: see who holds connections (pg_stat_activity) and close idle ones, or raise "
                + "max_connections; Pilothouse tries again"),
        /** The server is starting up, shutting down or recovering and accepts no connection yet (57P03). */
        NOT_ACCEPTING_CONNECTIONS("the server does not accept connections now", "it is starting up, shutting "
                + "down or in crash recovery; Pilothouse tries again"),
        /** A statement ran out of statement_timeout. */
        STATEMENT_TIMEOUT("query cancelled by statement_timeout", "the server is slow to answer"),
        /** Anything else; the message says what. */
        OTHER("failed", null);

        private final String words;
        private final String advice;

        Cause(String words, String advice) {
            this.words = words;
            this.advice = advice;
        }

        /** The cause in a few words, as the start of every message ("authentication failed"). */
        public String words() {
            return words;
        }
    }

    /** Classifies {@code e} by its whole cause chain. */
    public static SqlFailure of(Throwable e) {
        SQLException deepestSql = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NoPasswordException none) {
                return new SqlFailure(Cause.NO_PASSWORD, none.getMessage());
            }
        }
        if (NoPasswordException.isDriverRefusal(e)) {
            return new SqlFailure(Cause.NO_PASSWORD, "no password: the server asks for one and none was found in pgpass or "
                    + "the keyring, nor typed; add a pgpass line or run: pilothouse credentials set");
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("28P01") || state.equals("28000")) {
                    deepestSql = sql; // keep walking: the driver's own exception holds the server's words
                } else if (state.equals("3D000")) {
                    return new SqlFailure(Cause.DATABASE_MISSING, sql.getMessage());
                } else if (state.equals("53300")) {
                    return new SqlFailure(Cause.NO_FREE_CONNECTION_SLOT, deepestWithState(sql, state).getMessage());
                } else if (state.equals("57P03")) {
                    return new SqlFailure(Cause.NOT_ACCEPTING_CONNECTIONS, deepestWithState(sql, state).getMessage());
                } else if (state.equals("57014")) {
                    return new SqlFailure(Cause.STATEMENT_TIMEOUT, sql.getMessage());
                } else if (state.equals("08P01")) {
                    // Protocol violation: the peer answered, but not as PostgreSQL does.
                    return new SqlFailure(Cause.NOT_POSTGRES, sql.getMessage());
                }
            }
        }
        if (deepestSql != null) {
            return new SqlFailure(Cause.AUTHENTICATION_FAILED, deepestSql.getMessage());
        }
        java.util.Optional<String> tls = tlsProblem(e);
        if (tls.isPresent()) {
            return new SqlFailure(Cause.TLS, tls.get());
        }
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t instanceof ConnectException) {
                return new SqlFailure(Cause.REFUSED, t.getMessage());
            }
            if (t instanceof SocketTimeoutException) {
                return new SqlFailure(Cause.TIMEOUT, t.getMessage());
            }
            if (t instanceof SSLException) {
                return new SqlFailure(Cause.TLS, t.getMessage());
            }
            if (t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return new SqlFailure(Cause.UNKNOWN_HOST, t.getMessage());
            }
            if (t instanceof EOFException) {
                // The peer closed the connection in the middle of the startup exchange: not PostgreSQL.
                return new SqlFailure(Cause.NOT_POSTGRES, "the peer closed the connection during the startup "
                        + "exchange");
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("does not support SSL") || m.contains("SSL error") || m.contains("SSL SYSCALL")) {
                return new SqlFailure(Cause.TLS, m);
            }
            if (m.contains("Protocol error") || m.contains("expected an authentication request")
                    || m.contains("unexpected response") || m.contains("invalid message format")
                    || m.contains("Unexpected packet type")) {
                return new SqlFailure(Cause.NOT_POSTGRES, m);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Only once no cause said more: the driver's login timeout or the pool's own one.
            String m = String.valueOf(t.getMessage());
            if (m.contains("timed out")) {
                return new SqlFailure(Cause.TIMEOUT, m);
            }
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new SqlFailure(Cause.OTHER, m);
    }

    /**
     * The innermost exception of {@code e}'s chain carrying {@code state}: a pool copies the driver's SQLSTATE onto
     * its own exception ("Connection is not available, request timed out"), the driver's holds the server's words.
     */
    private static SQLException deepestWithState(SQLException e, String state) {
        SQLException deepest = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                deepest = sql;
            }
        }
        return deepest;
    }

    /**
     * A certificate problem in words with the workspace key to fix, or empty. pgjdbc reports a host name that the
     * certificate does not name as its own exception, not an SSLException.
     */
    private static java.util.Optional<String> tlsProblem(Throwable e) {
        boolean hostName = false;
        boolean ssl = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage());
            hostName |= m.contains("could not be verified by hostnameverifier");
            ssl |= t instanceof SSLException || t instanceof java.security.cert.CertificateException;
        }
        java.util.Optional<TlsFailures.Kind> kind = hostName ? java.util.Optional.of(TlsFailures.Kind.WRONG_HOST)
                : ssl ? TlsFailures.kind(e) : java.util.Optional.empty();
        return kind.map(k -> k.words() + "; " + switch (k) {
            case UNTRUSTED -> "set postgres.sslrootcert in the workspace to the CA that signed the server's "
                    + "ssl_cert_file";
            case EXPIRED -> "renew the server's ssl_cert_file (or correct this machine's clock)";
            case WRONG_HOST -> "connect with a host name the certificate names, or reissue the server's "
                    + "ssl_cert_file with this host in its subjectAltName";
            case CLIENT_REFUSED -> "set postgres.sslcert and postgres.sslkey to a client certificate the server's "
                    + "ssl_ca_file signed";
            case OTHER -> "check postgres.sslmode, postgres.sslrootcert and the server's ssl settings";
        });
    }

    /** True for an authentication failure anywhere in {@code e}'s causes. */
    public static boolean isAuthentication(Throwable e) {
        return of(e).cause() == Cause.AUTHENTICATION_FAILED;
    }

    /** One line: the cause, the server's words, and what to do ("authentication failed: FATAL: …; check …"). */
    public String describe() {
        if (cause == Cause.OTHER || cause == Cause.NO_PASSWORD) {
            return message;
        }
        if (cause == Cause.TLS && (message.contains("postgres.ssl") || message.contains("ssl_cert_file"))) {
            return cause.words + ": " + message;
        }
        return cause.words + ": " + message + (cause.advice == null ? "" : "; " + cause.advice);
    }
}
