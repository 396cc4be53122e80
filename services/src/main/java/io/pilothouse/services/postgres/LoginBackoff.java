package io.pilothouse.services.postgres;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * After a login is refused (wrong password, no pg_hba.conf entry), no new login to that node with the same
 * credentials until a back-off has passed: 10 s, doubling up to 5 minutes. Every read of the live model, the lag
 * sampler and the pool's own retries would otherwise send a failed login each, a lockout risk under
 * {@code auth_delay}, fail2ban or an LDAP account policy. New credentials (a fixed pgpass line) end the back-off at
 * once. Thread-safe.
 */
public final class LoginBackoff {

    /** The first wait after a refused login. */
    public static final Duration FIRST = Duration.ofSeconds(10);
    /** The longest wait. */
    public static final Duration MAX = Duration.ofMinutes(5);

    private record Failed(byte[] credentials, int failures, Instant retryAt, String serverWords) {
    }

    private final Clock clock;
    private final Map<String, Failed> failed = new ConcurrentHashMap<>();

    public LoginBackoff(Clock clock) {
        this.clock = clock;
    }

    /**
     * Throws, without contacting the server, while {@code node}'s last login with these credentials was refused
     * and its back-off has not passed.
     *
     * @param credentials a fingerprint of the credentials about to be used (see {@link #fingerprint})
     * @throws SQLException with SQLSTATE 28P01 and the server's words from the refused login
     */
    public void check(String node, byte[] credentials) throws SQLException {
        Failed f = failed.get(node);
        if (f == null) {
            return;
        }
        if (!Arrays.equals(f.credentials, credentials)) {
            failed.remove(node, f); // new credentials: try them now
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(f.retryAt)) {
            throw new SQLException(f.serverWords + " (not retried for another "
                    + Math.max(1, Duration.between(now, f.retryAt).toSeconds()) + " s while the credentials are "
                    + "unchanged: " + f.failures + " refused login(s) so far)", "28P01");
        }
    }

    /** True while {@code node} is backing off with these credentials. */
    public boolean waiting(String node, byte[] credentials) {
        Failed f = failed.get(node);
        return f != null && Arrays.equals(f.credentials, credentials) && clock.instant().isBefore(f.retryAt);
    }

    /** Records a failed login to {@code node}; only authentication failures start (or lengthen) a back-off. */
    public void failed(String node, byte[] credentials, SQLException e) {
        SqlFailure why = SqlFailure.of(e);
        if (why.cause() != SqlFailure.Cause.AUTHENTICATION_FAILED) {
            return;
        }
        failed.compute(node, (k, f) -> {
            int failures = f == null || !Arrays.equals(f.credentials, credentials) ? 1 : f.failures + 1;
            Duration wait = FIRST.multipliedBy(1L << Math.min(20, failures - 1));
            if (wait.compareTo(MAX) > 0) {
                wait = MAX;
            }
            return new Failed(credentials, failures, clock.instant().plus(wait), why.message());
        });
    }

    /** A login to {@code node} succeeded: no back-off. */
    public void succeeded(String node) {
        failed.remove(node);
    }

    /** A one-way fingerprint of a user and password (never kept in clear); {@code password} may be null. */
    public static byte[] fingerprint(String user, char[] password) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(String.valueOf(user).getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            if (password != null) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
                d.update(bytes);
                Arrays.fill(bytes.array(), (byte) 0);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
