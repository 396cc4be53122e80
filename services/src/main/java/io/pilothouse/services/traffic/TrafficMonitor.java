package io.pilothouse.services.traffic;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.TrafficProblem;
import io.pilothouse.services.postgres.PasswordLookup;
import io.pilothouse.services.workspace.PostgresConfig;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.TrafficConfig;
import io.pilothouse.services.workspace.Workspace;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live source of the traffic layer: every {@link TrafficSettings#interval()} it reads each workspace source's
 * HAProxy, PgBouncer and Pgpool-II in parallel on the injected pool, each bounded by {@link TrafficSettings#componentBudget()} (a hanging
 * component is marked unreachable; the others go on), verifies the entry points by connecting through them, judges
 * the lot against the live model and publishes one immutable {@link TrafficSnapshot}. Never on the FX thread.
 */
public final class TrafficMonitor implements TrafficFeed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficMonitor.class);

    private final Workspace workspace;
    private final Supplier<EstateSnapshot> estate;
    private final TrafficSettings settings;
    private final ExecutorService reads;
    private final TrafficSourceReader reader;
    private final TrafficAssessor assessor;
    private final AtomicReference<TrafficSnapshot> latest = new AtomicReference<>(TrafficSnapshot.EMPTY);
    private final List<Consumer<TrafficSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean reading = new AtomicBoolean();
    private final Map<String, Set<String>> writeDatabases = new ConcurrentHashMap<>();
    private final Clock clock;
    private ScheduledFuture<?> tick;
    private volatile boolean closed;

    /**
     * @param reads where reads run: a pool that grows (component reads wait on each other's futures, and a hanging
     *              component holds a thread until its timeout), e.g. the session's I/O pool; not shut down here
     */
    public TrafficMonitor(Workspace workspace, Supplier<EstateSnapshot> estate, PasswordLookup passwords,
                          TrafficSettings settings, Clock clock, ExecutorService reads) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.estate = Objects.requireNonNull(estate, "estate");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.reader = new TrafficSourceReader(new SimpleQueryConnector(passwords, settings), passwords, settings,
                clock, reads);
        this.assessor = new TrafficAssessor(settings);
    }

    /** True when some source of {@code workspace} names a load balancer or pooler to watch. */
    public static boolean watches(Workspace workspace) {
        return workspace.sources().stream().anyMatch(s -> s.traffic() != null);
    }

    /** Reads now and then every interval on {@code scheduler} (the read itself runs on the reads pool). */
    public synchronized TrafficMonitor start(ScheduledExecutorService scheduler) {
        if (tick == null && !closed && watches(workspace)) {
            long ms = settings.interval().toMillis();
            tick = scheduler.scheduleWithFixedDelay(() -> reads.execute(this::readIfIdle), 0, ms,
                    TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void readIfIdle() {
        if (closed || !reading.compareAndSet(false, true)) {
            return;
        }
        try {
            readOnce();
        } catch (RuntimeException e) {
            LOG.warn("Reading the traffic layer failed: {}", e.toString());
        } finally {
            reading.set(false);
        }
    }

    /** Reads every source once, publishes and returns the snapshot; blocks at most about one component budget. */
    public TrafficSnapshot readOnce() {
        EstateSnapshot now = estate.get();
        List<ClusterTraffic> clusters = new ArrayList<>();
        for (SourceConfig source : workspace.sources()) {
            if (source.traffic() != null) {
                clusters.add(readSource(source, now));
            }
        }
        TrafficSnapshot snapshot = new TrafficSnapshot(clusters, clock.instant());
        latest.set(snapshot);
        for (Consumer<TrafficSnapshot> l : listeners) {
            try {
                l.accept(snapshot);
            } catch (RuntimeException e) {
                LOG.warn("A traffic listener failed: {}", e.toString());
            }
        }
        return snapshot;
    }

    private ClusterTraffic readSource(SourceConfig source, EstateSnapshot now) {
        MemberIndex members = new MemberIndex(clusterOf(source, now));
        TrafficConfig traffic = source.traffic();
        PostgresConfig postgres = source.postgres() == null ? new PostgresConfig(null, null, null, null)
                : source.postgres();
        Set<String> known = writeDatabases.computeIfAbsent(source.name(), k -> ConcurrentHashMap.newKeySet());
        TrafficReading reading = reader.read(source.name(), traffic, postgres, source.writeEndpoint(), members,
                known);
        return assessor.assess(reading);
    }

    /** The cluster of {@code source}: its only one, else the one named like the source, else the first. */
    static ClusterSnapshot clusterOf(SourceConfig source, EstateSnapshot now) {
        List<ClusterSnapshot> ofSource = now.clusters().stream().filter(c -> c.source().equals(source.name()))
                .toList();
        return ofSource.stream().filter(c -> c.scope().equals(source.name())).findFirst()
                .orElse(ofSource.isEmpty() ? null : ofSource.get(0));
    }

    @Override
    public TrafficSnapshot latest() {
        return latest.get();
    }

    @Override
    public AutoCloseable subscribe(Consumer<TrafficSnapshot> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Every traffic problem of the latest snapshot, for the alert evaluator. */
    public List<TrafficProblem> problems() {
        return latest.get().problems();
    }

    /** The problems of the latest snapshot by source, for callers that join them to clusters. */
    public Map<String, List<TrafficProblem>> problemsBySource() {
        Map<String, List<TrafficProblem>> out = new LinkedHashMap<>();
        latest.get().clusters().forEach(c -> out.put(c.source(), c.problems()));
        return out;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (tick != null) {
            tick.cancel(false);
        }
    }
}
