package io.pilothouse.services.live;

import java.time.Duration;

/**
 * How often the live model polls and when data counts as stale.
 *
 * @param restInterval  Patroni REST poll interval
 * @param sqlInterval   SQL poll interval
 * @param etcdTick      etcd health and lease check interval (changes themselves arrive by watch, not polling)
 * @param staleAfter    a read older than this is stale
 * @param restTimeout   per-request timeout for Patroni REST
 */
public record LiveSettings(Duration restInterval, Duration sqlInterval, Duration etcdTick, Duration staleAfter,
                           Duration restTimeout) {

    /** Defaults for a desktop live view. */
    public static final LiveSettings DEFAULTS = new LiveSettings(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofMillis(3500), Duration.ofMillis(1500));
}
