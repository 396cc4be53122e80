package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.SnapshotDiff;
import io.pilothouse.services.postgres.NodeConnections;
import io.pilothouse.services.postgres.NodeSqlState;
import io.pilothouse.services.postgres.ReplicationProbe;
import io.pilothouse.services.slots.NodeSlots;
import io.pilothouse.services.slots.SlotActivityTracker;
import io.pilothouse.services.slots.SlotRules;
import io.pilothouse.services.slots.SlotsProbe;
import io.pilothouse.services.workspace.NodeAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a plain streaming-replication cluster's snapshot current: every node is read over SQL each
 * {@link LiveSettings#sqlInterval()}, each on its own with never more than one read in flight per node, so a
 * stalled node never holds the others up. Snapshots and events go to the same consumers as Patroni clusters'.
 */
public final class PlainClusterMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlainClusterMonitor.class);
    /** Slots and the archiver change slowly and cost more to read. */
    private static final Duration SLOTS_INTERVAL = Duration.ofSeconds(5);

    private final String source;
    private final List<NodeAddress> nodes;
    private final LiveExecutors executors;
    private final LiveSettings settings;
    private final NodeConnections sql;
    private final Clock clock;
    private final Consumer<ClusterSnapshot> snapshots;
    private final Consumer<ClusterEvent> events;
    private final PlainClusterAssembler assembler;
    private final SlotsProbe slotsProbe;

    private final Object lock = new Object();
    private final Map<String, NodeRead<NodeSqlState>> sqlReads = new HashMap<>();
    private final Map<String, NodeRead<NodeSlots>> slotReads = new HashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private ClusterSnapshot last;
    private ScheduledFuture<?> tick;
    private volatile boolean closed;

    /**
     * @param source the workspace source; its name is the cluster's scope
     * @param nodes  the cluster's nodes
     */
    public PlainClusterMonitor(String source, List<NodeAddress> nodes, LiveExecutors executors, LiveSettings settings,
                               NodeConnections sql, Clock clock, Consumer<ClusterSnapshot> snapshots,
                               Consumer<ClusterEvent> events) {
        this.source = source;
        this.nodes = List.copyOf(nodes);
        this.executors = executors;
        this.settings = settings;
        this.sql = sql;
        this.clock = clock;
        this.snapshots = snapshots;
        this.events = events;
        this.assembler = new PlainClusterAssembler(settings.staleAfter());
        this.slotsProbe = new SlotsProbe(new SlotActivityTracker(), SlotRules.DEFAULTS, clock);
    }

    /** Starts polling; returns at once. */
    public void start() {
        tick = executors.scheduler().scheduleWithFixedDelay(this::poll, 0, settings.sqlInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public String scope() {
        return source;
    }

    /** True once every node has been asked at least once (answered or failed). */
    public boolean settled() {
        synchronized (lock) {
            return last != null && nodes.stream().map(NodeAddress::toString).allMatch(n -> {
                NodeRead<NodeSqlState> r = sqlReads.get(n);
                return r != null && (r.lastSuccess() != null || r.failedAt() != null);
            });
        }
    }

    /** The latest snapshot, or null before the first read. */
    public ClusterSnapshot latest() {
        synchronized (lock) {
            return last;
        }
    }

    private void poll() {
        if (closed) {
            return;
        }
        for (NodeAddress node : nodes) {
            String name = node.toString();
            if (!inFlight.add(name)) {
                continue; // the previous read of this node is still running: never pile up
            }
            boolean readSlots = slotsDue(name);
            try {
                executors.io().execute(() -> read(node, name, readSlots));
            } catch (RuntimeException e) {
                inFlight.remove(name); // executor shut down
            }
        }
    }

    private void read(NodeAddress node, String name, boolean readSlots) {
        try {
            NodeSqlState state;
            NodeSlots slots = null;
            try (Connection c = sql.open(node.host(), node.port())) {
                state = ReplicationProbe.read(c);
                if (readSlots) {
                    slots = slotsProbe.read(name, c);
                }
            }
            Instant now = clock.instant();
            synchronized (lock) {
                sqlReads.put(name, sqlReads.getOrDefault(name, NodeRead.none()).succeeded(state, now));
                if (slots != null) {
                    slotReads.put(name, slotReads.getOrDefault(name, NodeRead.none()).succeeded(slots, now));
                }
            }
        } catch (Exception ex) {
            Instant now = clock.instant();
            String why = "PostgreSQL at " + name + ": " + SqlErrors.describe(ex);
            synchronized (lock) {
                sqlReads.put(name, sqlReads.getOrDefault(name, NodeRead.none()).failed(why, SqlErrors.refused(ex), now));
                if (readSlots) {
                    slotReads.put(name, slotReads.getOrDefault(name, NodeRead.none()).failed(why, false, now));
                }
            }
        } finally {
            inFlight.remove(name);
        }
        publish();
    }

    private boolean slotsDue(String name) {
        synchronized (lock) {
            NodeRead<NodeSlots> r = slotReads.get(name);
            Instant at = r == null ? null : (r.failedAt() != null ? r.failedAt() : r.lastSuccess());
            return at == null || at.plus(SLOTS_INTERVAL).isBefore(clock.instant());
        }
    }

    private void publish() {
        if (closed) {
            return;
        }
        synchronized (lock) {
            ClusterSnapshot next = assembler.assemble(source, nodes, sqlReads, slotReads, clock.instant());
            List<ClusterEvent> changes = SnapshotDiff.between(last, next);
            last = next;
            // Under the lock so listeners see snapshots and events in order.
            try {
                snapshots.accept(next);
                changes.forEach(events);
            } catch (RuntimeException e) {
                LOG.warn("live model listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (tick != null) {
            tick.cancel(false);
        }
    }
}
