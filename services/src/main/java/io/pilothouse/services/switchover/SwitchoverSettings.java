package io.pilothouse.services.switchover;

import java.time.Duration;

/**
 * Time limits of a switchover or failover.
 *
 * @param factsTimeout   reading the pre-check facts
 * @param commandTimeout waiting for Patroni's answer (it polls up to 20 s before answering)
 * @param verifyTimeout  watching the cluster settle after the leader change (or, until one is seen, after the
 *                       answer or after losing it)
 * @param probeInterval  how often the write probe commits
 */
public record SwitchoverSettings(Duration factsTimeout, Duration commandTimeout, Duration verifyTimeout,
                                 Duration probeInterval) {

    /** The longest verification bound accepted: an hour. */
    public static final Duration MAX_VERIFY_TIMEOUT = Duration.ofHours(1);

    /** 5 s to read, 40 s for Patroni, 60 s after the leader change to settle, a write every 50 ms. */
    public static final SwitchoverSettings DEFAULTS = new SwitchoverSettings(Duration.ofSeconds(5),
            Duration.ofSeconds(40), Duration.ofSeconds(60), Duration.ofMillis(50));

    public SwitchoverSettings {
        if (verifyTimeout.isNegative() || verifyTimeout.isZero() || verifyTimeout.compareTo(MAX_VERIFY_TIMEOUT) > 0) {
            throw new IllegalArgumentException("the verification bound must be between 1 s and "
                    + MAX_VERIFY_TIMEOUT.toMinutes() + " minutes: " + verifyTimeout.toSeconds() + " s");
        }
    }

    /** These settings with another verification bound. */
    public SwitchoverSettings withVerifyTimeout(Duration newVerifyTimeout) {
        return new SwitchoverSettings(factsTimeout, commandTimeout, newVerifyTimeout, probeInterval);
    }
}
