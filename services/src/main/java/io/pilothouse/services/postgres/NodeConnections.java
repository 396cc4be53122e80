package io.pilothouse.services.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pilothouse.services.workspace.PostgresConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one pooled connection per PostgreSQL node, with every timeout set so a dead or stalled node fails fast
 * instead of holding a thread: connect, socket read, statement, lock and idle-in-transaction timeouts.
 * Connections are read-only and carry {@code application_name=pilothouse}.
 */
public final class NodeConnections implements AutoCloseable {

    /** Timeouts applied to every node connection. */
    public record Timeouts(Duration connect, Duration socket, Duration statement, Duration lock) {
        /** Defaults for a live view: fail within a few seconds. */
        public static final Timeouts LIVE_VIEW = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(3), Duration.ofSeconds(1));
    }

    private final PostgresConfig config;
    private final PasswordLookup passwords;
    private final Timeouts timeouts;
    private final LoginBackoff backoff;
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();

    /** A node's pool and the fingerprint of the credentials it logs in with. */
    private record Pool(HikariDataSource pool, byte[] credentials) {
    }

    public NodeConnections(PostgresConfig config, PasswordLookup passwords, Timeouts timeouts) {
        this(config, passwords, timeouts, new LoginBackoff(java.time.Clock.systemUTC()));
    }

    /** With a given back-off after refused logins (tests use a short clock). */
    public NodeConnections(PostgresConfig config, PasswordLookup passwords, Timeouts timeouts, LoginBackoff backoff) {
        this.config = config;
        this.passwords = passwords;
        this.timeouts = timeouts;
        this.backoff = backoff;
    }

    /**
     * A connection to {@code host:port}; close it to give it back. After a refused login, fails at once (SQLSTATE
     * 28P01, the server's words) without logging in again until the back-off has passed, unless the credentials
     * changed meanwhile (then a new pool logs in with them).
     */
    public Connection open(String host, int port) throws SQLException {
        String key = host + ":" + port;
        if (!pools.containsKey(key)) {
            // Looked up (and perhaps asked for) before the map's lock: a prompt may wait minutes for the user.
            credentials(host, port);
        }
        Pool p = pools.computeIfAbsent(key, k -> pool(host, port));
        if (backoff.waiting(key, p.credentials())) {
            byte[] now = credentials(host, port);
            if (!java.util.Arrays.equals(now, p.credentials())) {
                // The password was fixed: a pool holds its password, so start one with the new credentials.
                pools.remove(key, p);
                p.pool().close();
                backoff.succeeded(key);
                p = pools.computeIfAbsent(key, k -> pool(host, port));
            } else {
                backoff.check(key, p.credentials());
            }
        }
        try {
            return p.pool().getConnection();
        } catch (SQLException e) {
            if (NoPasswordException.isDriverRefusal(e)) {
                // A pool keeps the password it was made with (none): the next try looks again, so a pgpass line or
                // keyring entry added meanwhile is used without a restart.
                if (pools.remove(key, p)) {
                    p.pool().close();
                }
                throw noPassword(host, port, e);
            }
            if (backoff.waiting(key, p.credentials())) {
                // The pool's timeout may not carry the refusal it met: give the server's words, not the pool's.
                try {
                    backoff.check(key, p.credentials());
                } catch (SQLException refused) {
                    refused.addSuppressed(e);
                    throw refused;
                }
            }
            throw e;
        }
    }

    private byte[] credentials(String host, int port) {
        char[] password = passwords.find(host, port, config).orElse(null);
        try {
            return LoginBackoff.fingerprint(config.user(), password);
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, (char) 0);
            }
        }
    }

    /**
     * A fresh, unpooled, writable connection to whichever of {@code nodes} is the primary right now (pgjdbc's
     * multi-host URL with {@code targetServerType=primary}, host status not cached), for the write probe: it must
     * follow the primary to its new home and must not wait behind the pooled reads. Every timeout is one second or
     * less so a probe notices an outage at once. {@code nodes} are {@code host:port} strings.
     */
    public Connection openPrimary(List<String> nodes) throws SQLException {
        if (nodes.isEmpty()) {
            throw new SQLException("no PostgreSQL node is known", "08001");
        }
        Properties props = freshProperties(nodes.get(0));
        props.setProperty("ApplicationName", "pilothouse-write-probe");
        props.setProperty("targetServerType", "primary");
        props.setProperty("hostRecheckSeconds", "0");
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + String.join(",", nodes) + "/"
                    + config.database(), props);
        } catch (SQLException e) {
            throw explained(nodes.get(0), e);
        }
    }

    /**
     * A fresh, unpooled connection to {@code host:port} whatever it is (a load balancer's port, say), with the
     * source's user, password and short timeouts. A pooled one could stay on a backend the balancer has left.
     */
    public Connection openFresh(String host, int port) throws SQLException {
        Properties props = freshProperties(host + ":" + port);
        props.setProperty("ApplicationName", "pilothouse");
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + config.database(),
                    props);
        } catch (SQLException e) {
            throw explained(host + ":" + port, e);
        }
    }

    /**
     * A fresh, unpooled, writable connection to {@code host:port} for a long operation step (DDL, a lock wait, a
     * checksum of a large table): statements may run up to ten minutes; each step bounds its own lock waits.
     */
    public Connection openForOperation(String host, int port) throws SQLException {
        Properties props = freshProperties(host + ":" + port);
        props.setProperty("ApplicationName", "pilothouse-operation");
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "10");
        props.setProperty("socketTimeout", "660");
        props.setProperty("options", "-c statement_timeout=600000 -c idle_in_transaction_session_timeout=600000");
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + config.database(),
                    props);
        } catch (SQLException e) {
            throw explained(host + ":" + port, e);
        }
    }

    /** {@code e}, or when the server asked for a password none was known for, the words saying where to add one. */
    private SQLException explained(String node, SQLException e) {
        if (!NoPasswordException.isDriverRefusal(e)) {
            return e;
        }
        int colon = node.lastIndexOf(':');
        return noPassword(node.substring(0, colon), Integer.parseInt(node.substring(colon + 1)), e);
    }

    private NoPasswordException noPassword(String host, int port, SQLException driver) {
        return new NoPasswordException(io.pilothouse.services.credentials.MissingPassword.advice(
                io.pilothouse.services.credentials.CredentialRequest.of(host, port, config),
                io.pilothouse.services.credentials.PgPassLookup.current()), driver);
    }

    private Properties freshProperties(String firstNode) {
        String first = firstNode;
        int colon = first.lastIndexOf(':');
        Properties props = new Properties();
        props.setProperty("user", config.user());
        passwords.find(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)), config)
                .ifPresent(p -> {
                    props.setProperty("password", new String(p));
                    java.util.Arrays.fill(p, (char) 0);
                });
        props.setProperty("connectTimeout", "1");
        props.setProperty("loginTimeout", "2");
        props.setProperty("socketTimeout", "2");
        PostgresTls.apply(config, props);
        props.setProperty("options", "-c statement_timeout=1000");
        return props;
    }

    private Pool pool(String host, int port) {
        String key = host + ":" + port;
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("pilothouse-" + host + "-" + port);
        Properties props = new Properties();
        props.setProperty("user", config.user());
        char[] password = passwords.find(host, port, config).orElse(null);
        byte[] credentials = LoginBackoff.fingerprint(config.user(), password);
        if (password != null) {
            props.setProperty("password", new String(password));
            java.util.Arrays.fill(password, (char) 0);
        }
        props.setProperty("ApplicationName", "pilothouse");
        props.setProperty("connectTimeout", Long.toString(Math.max(1, timeouts.connect().toSeconds())));
        props.setProperty("socketTimeout", Long.toString(Math.max(1, timeouts.socket().toSeconds())));
        props.setProperty("loginTimeout", Long.toString(Math.max(1, timeouts.connect().toSeconds())));
        PostgresTls.apply(config, props);
        props.setProperty("options", "-c statement_timeout=" + timeouts.statement().toMillis()
                + " -c lock_timeout=" + timeouts.lock().toMillis()
                + " -c idle_in_transaction_session_timeout=10000");
        // Every login of the pool, its own retries included, goes through the back-off: one refused login per
        // node per back-off period, never one per retry.
        hc.setDataSource(new GatedDataSource("jdbc:postgresql://" + host + ":" + port + "/" + config.database(),
                props, key, credentials, backoff));
        hc.setMaximumPoolSize(1);
        hc.setMinimumIdle(0);
        hc.setReadOnly(true);
        hc.setAutoCommit(true);
        hc.setConnectionTimeout(Math.max(250, timeouts.connect().toMillis() + 500));
        hc.setValidationTimeout(Math.max(250, timeouts.connect().toMillis()));
        hc.setInitializationFailTimeout(-1);
        return new Pool(new HikariDataSource(hc), credentials);
    }

    @Override
    public void close() {
        pools.values().forEach(p -> p.pool().close());
        pools.clear();
    }
}
