package io.pilothouse.services.postgres;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pool's way to log in to one node: each login asks the {@link LoginBackoff} first and reports a refused one to
 * it, so the pool's retries within one request send no further logins after a refusal.
 */
final class GatedDataSource implements DataSource {

    private final String url;
    private final Properties properties;
    private final String node;
    private final byte[] credentials;
    private final LoginBackoff backoff;
    private int loginTimeoutSeconds;

    GatedDataSource(String url, Properties properties, String node, byte[] credentials, LoginBackoff backoff) {
        this.url = url;
        this.properties = properties;
        this.node = node;
        this.credentials = credentials;
        this.backoff = backoff;
    }

    @Override
    public Connection getConnection() throws SQLException {
        backoff.check(node, credentials);
        try {
            Connection c = DriverManager.getConnection(url, properties);
            backoff.succeeded(node);
            return c;
        } catch (SQLException e) {
            backoff.failed(node, credentials, e);
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the node's credentials are fixed when its pool is made");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
