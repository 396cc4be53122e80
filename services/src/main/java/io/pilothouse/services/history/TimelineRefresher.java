package io.pilothouse.services.history;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps each cluster's Patroni timeline records ({@code GET /history}) in its {@link ClusterHistory}: read once
 * when a cluster appears, again every interval, and at once when its leader changes (a new timeline). A cluster whose
 * members do not answer is asked less and less often (see {@link TimelineSchedule}). Asynchronous: a silent member
 * never holds a thread.
 */
public final class TimelineRefresher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TimelineRefresher.class);

    private final EstateFeed feed;
    private final PatroniHistoryClient client;
    private final EstateHistory history;
    private final ScheduledFuture<?> tick;
    private final TimelineSchedule schedule;
    private final Map<String, String> leaderAsked = new ConcurrentHashMap<>();
    private final java.util.Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /** Reads a cluster's records as soon as it appears, then again every {@code interval}. */
    public TimelineRefresher(EstateFeed feed, PatroniHistoryClient client, EstateHistory history,
                             ScheduledExecutorService scheduler, Duration interval) {
        this.feed = feed;
        this.client = client;
        this.history = history;
        this.schedule = new TimelineSchedule(interval, TimelineSchedule.MAX_WAIT);
        // A short tick so a new cluster's history shows within a second; each cluster is re-read per interval.
        this.tick = scheduler.scheduleWithFixedDelay(this::refresh, 0, 1_000, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        Instant now = Instant.now();
        java.util.Set<String> present = new java.util.HashSet<>();
        for (ClusterSnapshot c : feed.latest().clusters()) {
            String key = c.source() + '\u0000' + c.scope();
            present.add(key);
            String leader = c.leader() == null ? "" : c.leader();
            if (!Objects.equals(leaderAsked.get(key), leader)) {
                schedule.reset(key); // a new leader: a new timeline to read
            }
            if (!schedule.due(key, now) || inFlight.contains(key)) {
                continue;
            }
            Optional<String> api = c.leaderMember().map(Member::apiUrl)
                    .or(() -> c.members().stream().map(Member::apiUrl).filter(u -> u != null).findFirst());
            if (api.isEmpty() || !inFlight.add(key)) {
                continue;
            }
            leaderAsked.put(key, leader);
            client.history(api.get()).whenComplete((records, error) -> {
                inFlight.remove(key);
                if (error != null) {
                    schedule.failed(key, Instant.now());
                    LOG.debug("GET /history of {} failed: {}", c.scope(), error.toString());
                } else {
                    schedule.succeeded(key, Instant.now());
                    history.cluster(c.source(), c.scope()).setTimelines(records);
                }
            });
        }
        schedule.retainOnly(present);
        leaderAsked.keySet().retainAll(present);
    }

    @Override
    public void close() {
        tick.cancel(false);
    }
}
