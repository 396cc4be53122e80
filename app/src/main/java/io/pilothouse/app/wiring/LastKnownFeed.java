package io.pilothouse.app.wiring;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * What the window draws while a session starts: the live feed once any of its sources has answered (or refused),
 * before that the estate last seen ({@link LastKnownEstate}) with every source marked stale and saying so, so the
 * layout is there at once and nothing in it can look live. Only the window reads this feed; operations and checks
 * read the live model and never the last-known estate.
 */
public final class LastKnownFeed implements EstateFeed {

    private static final DateTimeFormatter SAVED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final EstateFeed live;
    private volatile EstateSnapshot lastKnown;
    private volatile boolean liveAnswered;
    private final java.util.List<Consumer<EstateSnapshot>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param live      the session's feed
     * @param lastKnown the estate last saved, if any, read off the UI thread (drawn from the frame after it is read,
     *                  unless the live feed answered first)
     * @param zone      the zone its time is shown in
     */
    public LastKnownFeed(EstateFeed live, CompletionStage<Optional<EstateSnapshot>> lastKnown, ZoneId zone) {
        this.live = live;
        lastKnown.thenAccept(saved -> {
            this.lastKnown = saved.filter(e -> !e.clusters().isEmpty()).map(e -> marked(e, zone)).orElse(null);
            // Watchers (the window's frame) hear of it at once, as of a publish.
            listeners.forEach(l -> l.accept(latest()));
        });
    }

    @Override
    public EstateSnapshot latest() {
        EstateSnapshot now = live.latest();
        EstateSnapshot past = lastKnown;
        if (liveAnswered || past == null) {
            return now;
        }
        if (heardFrom(now)) {
            liveAnswered = true;
            return now;
        }
        return past;
    }

    @Override
    public AutoCloseable subscribe(Consumer<EstateSnapshot> listener) {
        listeners.add(listener);
        AutoCloseable fromLive = live.subscribe(listener);
        return () -> {
            listeners.remove(listener);
            fromLive.close();
        };
    }

    /** True when some source of the live estate answered or refused: from then on it says more than the past. */
    static boolean heardFrom(EstateSnapshot estate) {
        return estate.clusters().stream().flatMap(c -> c.sources().values().stream())
                .anyMatch(s -> s.freshness() != Freshness.UNKNOWN || s.lastSuccess() != null);
    }

    /** Every source stale, saying when the estate was saved; a version no live estate has. */
    static EstateSnapshot marked(EstateSnapshot saved, ZoneId zone) {
        String note = "saved " + SAVED.format(saved.observedAt().atZone(zone)) + "; not read in this session yet";
        return new EstateSnapshot(saved.workspaceName(), saved.readOnly(), saved.clusters().stream()
                .map(c -> stale(c, note)).toList(), -1, saved.observedAt());
    }

    private static ClusterSnapshot stale(ClusterSnapshot cluster, String note) {
        Map<SourceKind, SourceStatus> sources = new EnumMap<>(SourceKind.class);
        cluster.sources().forEach((kind, status) -> sources.put(kind, new SourceStatus(kind, Freshness.STALE,
                status.lastSuccess(), note)));
        return cluster.toBuilder().sources(sources).build();
    }
}
