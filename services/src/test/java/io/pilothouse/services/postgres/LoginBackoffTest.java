package io.pilothouse.services.postgres;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue #12.5: one refused login per node, then a back-off doubling to 5 minutes while the credentials stay. */
class LoginBackoffTest {

    /** The driver's exception for a wrong password, as PostgreSQL 15 words it. */
    private static final SQLException REFUSED = new SQLException(
            "FATAL: password authentication failed for user \"monitor\"", "28P01");

    private Instant now = Instant.parse("2026-12-06T18:00:00Z");
    private final LoginBackoff backoff = new LoginBackoff(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    private final byte[] wrong = LoginBackoff.fingerprint("monitor", "wrong".toCharArray());

    @Test
    void aRefusedLoginIsNotRepeatedUntilTheBackOffHasPassedAndThenItDoubles() throws Exception {
        backoff.check("db1:5432", wrong);
        backoff.failed("db1:5432", wrong, REFUSED);

        assertThatThrownBy(() -> backoff.check("db1:5432", wrong)).isInstanceOf(SQLException.class)
                .hasMessageStartingWith("FATAL: password authentication failed for user \"monitor\"")
                .hasMessageContaining("not retried for another 10 s")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
        assertThatCode(() -> backoff.check("db2:5432", wrong)).as("other nodes are not held back")
                .doesNotThrowAnyException();

        now = now.plus(LoginBackoff.FIRST);
        backoff.check("db1:5432", wrong);
        backoff.failed("db1:5432", wrong, REFUSED);
        now = now.plusSeconds(19);
        assertThat(backoff.waiting("db1:5432", wrong)).as("second wait is 20 s").isTrue();
        now = now.plusSeconds(1);
        assertThat(backoff.waiting("db1:5432", wrong)).isFalse();

        for (int i = 0; i < 10; i++) {
            backoff.failed("db1:5432", wrong, REFUSED);
        }
        now = now.plus(LoginBackoff.MAX).minusSeconds(1);
        assertThat(backoff.waiting("db1:5432", wrong)).isTrue();
        now = now.plusSeconds(1);
        assertThat(backoff.waiting("db1:5432", wrong)).as("never longer than 5 minutes").isFalse();
    }

    @Test
    void newCredentialsAreTriedAtOnce() throws Exception {
        backoff.failed("db1:5432", wrong, REFUSED);

        byte[] fixed = LoginBackoff.fingerprint("monitor", "right".toCharArray());
        assertThat(backoff.waiting("db1:5432", fixed)).isFalse();
        assertThatCode(() -> backoff.check("db1:5432", fixed)).doesNotThrowAnyException();
    }

    @Test
    void onlyAuthenticationFailuresBackOff() throws Exception {
        backoff.failed("db1:5432", wrong, new SQLException("Connection refused", "08001",
                new java.net.ConnectException("Connection refused")));
        backoff.failed("db1:5432", wrong, new SQLException("Connection attempt timed out.", "08001"));

        assertThat(backoff.waiting("db1:5432", wrong)).isFalse();
        assertThat(Duration.between(Instant.EPOCH, Instant.EPOCH.plus(LoginBackoff.FIRST))).hasSeconds(10);
    }
}
