package io.pilothouse.services.history;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps each cluster's Patroni timeline records ({@code GET /history}) in its {@link ClusterHistory}: read once
 * when a cluster appears and again every interval, from the leader (or any member that answers). Asynchronous: a
 * silent member never holds a thread.
 */
public final class TimelineRefresher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TimelineRefresher.class);

    private final EstateFeed feed;
    private final PatroniHistoryClient client;
    private final EstateHistory history;
    private final ScheduledFuture<?> tick;
    private final Duration interval;
    private final java.util.Map<String, java.time.Instant> loadedAt = new java.util.concurrent.ConcurrentHashMap<>();

    /** Reads a cluster's records as soon as it appears, then again every {@code interval}. */
    public TimelineRefresher(EstateFeed feed, PatroniHistoryClient client, EstateHistory history,
                             ScheduledExecutorService scheduler, Duration interval) {
        this.feed = feed;
        this.client = client;
        this.history = history;
        this.interval = interval;
        // A short tick so a new cluster's history shows within a second; each cluster is re-read per interval.
        this.tick = scheduler.scheduleWithFixedDelay(this::refresh, 0, 1_000, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        java.time.Instant now = java.time.Instant.now();
        for (ClusterSnapshot c : feed.latest().clusters()) {
            String key = c.source() + '\u0000' + c.scope();
            java.time.Instant last = loadedAt.get(key);
            if (last != null && last.plus(interval).isAfter(now)) {
                continue;
            }
            Optional<String> api = c.leaderMember().map(Member::apiUrl)
                    .or(() -> c.members().stream().map(Member::apiUrl).filter(u -> u != null).findFirst());
            api.ifPresent(url -> client.history(url).whenComplete((records, error) -> {
                if (error != null) {
                    LOG.debug("GET /history of {} failed: {}", c.scope(), error.toString());
                } else {
                    history.cluster(c.source(), c.scope()).setTimelines(records);
                    loadedAt.put(key, java.time.Instant.now());
                }
            }));
        }
    }

    @Override
    public void close() {
        tick.cancel(false);
    }
}
