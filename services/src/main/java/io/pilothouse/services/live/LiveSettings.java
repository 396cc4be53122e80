package io.pilothouse.services.live;

import io.pilothouse.services.postgres.NodeConnections;

import java.time.Duration;

/**
 * How often the live model polls and when data counts as stale.
 *
 * @param restInterval  Patroni REST poll interval
 * @param sqlInterval   SQL poll interval
 * @param etcdTick      etcd health and lease check interval (changes themselves arrive by watch, not polling)
 * @param staleAfter    a read older than this is stale
 * @param restTimeout   per-request timeout for Patroni REST, and for each etcd request
 * @param sqlTimeouts   timeouts of every SQL connection and statement
 */
public record LiveSettings(Duration restInterval, Duration sqlInterval, Duration etcdTick, Duration staleAfter,
                           Duration restTimeout, NodeConnections.Timeouts sqlTimeouts) {

    /** Defaults for a desktop live view. */
    public static final LiveSettings DEFAULTS = new LiveSettings(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofMillis(3500), Duration.ofMillis(1500));

    /**
     * For one-shot readers ({@code snapshot}): a fresh process on a busy machine needs longer for its first
     * connections (class loading, TLS, SCRAM) than a running view needs for the next poll, and a source that answers
     * within these timeouts must count as answered. The command's own deadline bounds the whole read.
     */
    public static final LiveSettings ONE_SHOT = new LiveSettings(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(4),
            new NodeConnections.Timeouts(Duration.ofSeconds(6), Duration.ofSeconds(10), Duration.ofSeconds(6),
                    Duration.ofSeconds(1)));

    /** Settings with the live view's SQL timeouts. */
    public LiveSettings(Duration restInterval, Duration sqlInterval, Duration etcdTick, Duration staleAfter,
                        Duration restTimeout) {
        this(restInterval, sqlInterval, etcdTick, staleAfter, restTimeout, NodeConnections.Timeouts.LIVE_VIEW);
    }
}
