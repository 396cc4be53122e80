package io.pilothouse.services.traffic;

import java.time.Duration;

/**
 * How the traffic layer is read.
 *
 * @param interval       time between reads (2–5 s: fast enough to see a switchover, light on the admin consoles)
 * @param clientWait     a pooler's clients waiting longer than this for a server connection is a problem
 * @param connectTimeout connecting (TCP and login) to a stats endpoint, admin console or entry point
 * @param readTimeout    one answer; a component that takes longer is marked unreachable (a hanging Pgpool)
 */
public record TrafficSettings(Duration interval, Duration clientWait, Duration connectTimeout,
                              Duration readTimeout) {

    /** Every 3 s; clients waiting over 5 s; 2 s to connect, 3 s to answer. */
    public static final TrafficSettings DEFAULTS = new TrafficSettings(Duration.ofSeconds(3), Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofSeconds(3));

    /** The longest one component's read may take: connect, log in, answer, and a margin. */
    public Duration componentBudget() {
        return connectTimeout.plus(connectTimeout).plus(readTimeout).plusSeconds(1);
    }
}
