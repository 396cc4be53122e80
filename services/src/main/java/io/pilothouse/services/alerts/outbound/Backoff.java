package io.pilothouse.services.alerts.outbound;

import java.time.Duration;

/**
 * Exponential back-off between attempts: {@code first}, then doubled each time, never more than {@code max}.
 *
 * @param first       the wait after the first failed attempt
 * @param max         the longest wait
 * @param maxAttempts attempts per delivery before it is given up
 */
public record Backoff(Duration first, Duration max, int maxAttempts) {

    /** 1 s, 2 s, 4 s … at most 60 s; 6 attempts. */
    public static final Backoff DEFAULTS = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 6);

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("back-off needs 0 < first <= max and at least one attempt");
        }
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration after(int attempt) {
        long ms = first.toMillis();
        for (int i = 1; i < attempt && ms < max.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }

    /** The same waits with another attempt limit. */
    public Backoff withMaxAttempts(int attempts) {
        return new Backoff(first, max, attempts);
    }
}
