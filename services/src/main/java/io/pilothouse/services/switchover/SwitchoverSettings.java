package io.pilothouse.services.switchover;

import java.time.Duration;

/**
 * Time limits of a switchover or failover.
 *
 * @param factsTimeout   reading the pre-check facts
 * @param commandTimeout waiting for Patroni's answer (it polls up to 20 s before answering)
 * @param verifyTimeout  watching the cluster settle after the answer, or after losing it
 * @param probeInterval  how often the write probe commits
 */
public record SwitchoverSettings(Duration factsTimeout, Duration commandTimeout, Duration verifyTimeout,
                                 Duration probeInterval) {

    /** 5 s to read, 40 s for Patroni, 3 minutes to settle, a write every 50 ms. */
    public static final SwitchoverSettings DEFAULTS = new SwitchoverSettings(Duration.ofSeconds(5),
            Duration.ofSeconds(40), Duration.ofMinutes(3), Duration.ofMillis(50));
}
