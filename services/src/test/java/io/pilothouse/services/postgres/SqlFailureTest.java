package io.pilothouse.services.postgres;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Causes told from exception chains shaped as HikariCP and pgjdbc build them (messages as PostgreSQL 15 words them). */
class SqlFailureTest {

    private static SQLException pooled(SQLException driver) {
        // HikariPool.createTimeoutException copies the last connection failure's SQLSTATE and chains it.
        return new SQLTransientConnectionException("HikariPool-3 - Connection is not available, request timed out "
                + "after 1500ms (total=0, active=0, idle=0, waiting=0)", driver.getSQLState(), driver);
    }

    @Test
    void exhaustedConnectionSlotsSayTheServersWordsNotThePools() {
        SqlFailure f = SqlFailure.of(pooled(new SQLException("FATAL: remaining connection slots are reserved for "
                + "non-replication superuser connections", "53300")));
        assertThat(f.cause()).isEqualTo(SqlFailure.Cause.NO_FREE_CONNECTION_SLOT);
        assertThat(f.message()).startsWith("FATAL: remaining connection slots are reserved");
        assertThat(f.describe()).startsWith("the server has no free connection slot: FATAL: remaining")
                .contains("max_connections").doesNotContain("HikariPool");
    }

    @Test
    void aPasswordTheServerAsksForAndNoneWasFoundIsNoPasswordNotAnAuthenticationFailure() {
        SQLException driver = new SQLException("The server requested SCRAM-based authentication, but no password was "
                + "provided.", "08004");
        SqlFailure bare = SqlFailure.of(pooled(driver));
        assertThat(bare.cause()).isEqualTo(SqlFailure.Cause.NO_PASSWORD);
        assertThat(bare.describe()).startsWith("no password: ").contains("pilothouse credentials set");
        SqlFailure explained = SqlFailure.of(new NoPasswordException("no password for monitor@db1:5432 (…): add the "
                + "line db1:5432:*:monitor:<password> to /home/ana/.pgpass (chmod 600)", driver));
        assertThat(explained.cause()).isEqualTo(SqlFailure.Cause.NO_PASSWORD);
        assertThat(explained.describe()).startsWith("no password for monitor@db1:5432")
                .contains("db1:5432:*:monitor:<password>");
        assertThat(SqlFailure.isAuthentication(driver)).as("no back-off: nothing was refused").isFalse();
    }

    @Test
    void aServerStartingUpIsToldApartFromATimeout() {
        SqlFailure f = SqlFailure.of(pooled(new SQLException("FATAL: the database system is starting up", "57P03")));
        assertThat(f.cause()).isEqualTo(SqlFailure.Cause.NOT_ACCEPTING_CONNECTIONS);
        assertThat(f.message()).isEqualTo("FATAL: the database system is starting up");
    }

    @Test
    void aPoolTimeoutWithoutAServerAnswerStaysATimeoutAndARefusalARefusal() {
        assertThat(SqlFailure.of(new SQLTransientConnectionException("HikariPool-1 - Connection is not available, "
                + "request timed out after 1500ms")).cause()).isEqualTo(SqlFailure.Cause.TIMEOUT);
        assertThat(SqlFailure.of(pooled(new SQLException("Connection to 127.0.0.1:5 refused.", "08001",
                new ConnectException("Connection refused")))).cause()).isEqualTo(SqlFailure.Cause.REFUSED);
    }
}
