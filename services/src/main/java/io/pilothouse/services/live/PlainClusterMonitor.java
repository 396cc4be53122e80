package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.SnapshotDiff;
import io.pilothouse.services.postgres.NodeConnections;
import io.pilothouse.services.workspace.NodeAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
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
    private final String source;
    private final List<NodeAddress> nodes;
    private final LiveExecutors executors;
    private final LiveSettings settings;
    private final Clock clock;
    private final Consumer<ClusterSnapshot> snapshots;
    private final Consumer<ClusterEvent> events;
    private final PlainClusterAssembler assembler;
    private final NodeSqlReader reader;

    private final Object lock = new Object();
    private ClusterSnapshot last;
    private volatile List<String> pending;
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
        this.clock = clock;
        this.snapshots = snapshots;
        this.events = events;
        this.assembler = new PlainClusterAssembler(settings.staleAfter());
        this.reader = new NodeSqlReader(source, source, sql, executors.polling(), clock,
                // No DCS tells when a plain node is back: keep asking it every second.
                PollBackoff.never(clock));
        this.pending = unansweredIn(java.util.Map.of());
    }

    /** Starts polling; returns at once. */
    public void start() {
        tick = executors.scheduler().scheduleWithFixedDelay(this::poll, 0, settings.sqlInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public String scope() {
        return source;
    }

    /**
     * Each node that has not answered yet (a success or a refusal is an answer), one line each; judged when a
     * snapshot is published, so an answer counts only once the published snapshot carries it.
     */
    public List<String> unanswered() {
        return pending;
    }

    private List<String> unansweredIn(java.util.Map<String, NodeRead<io.pilothouse.services.postgres.NodeSqlState>> states) {
        return nodes.stream().filter(n -> states.get(n.toString()) == null || !states.get(n.toString()).answered())
                .map(n -> source + "/" + n + ": PostgreSQL did not answer" + (states.get(n.toString()) == null
                        || states.get(n.toString()).error() == null ? "" : " (" + states.get(n.toString()).error() + ")"))
                .toList();
    }

    /** True once every node has been asked at least once (answered or failed). */
    public boolean settled() {
        synchronized (lock) {
            return last != null && nodes.stream().map(NodeAddress::toString).allMatch(reader::attempted);
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
        reader.poll(nodes.stream().map(n -> new NodeSqlReader.Target(n.toString(), n.host(), n.port())).toList(),
                this::publish);
    }

    private void publish() {
        if (closed) {
            return;
        }
        synchronized (lock) {
            // One copy of the reads for both the snapshot and what it still lacks: they must agree.
            java.util.Map<String, NodeRead<io.pilothouse.services.postgres.NodeSqlState>> states = reader.states();
            ClusterSnapshot next = assembler.assemble(source, nodes, states, reader.slots(), reader.prepared(),
                    clock.instant());
            List<ClusterEvent> changes = SnapshotDiff.between(last, next);
            last = next;
            // Under the lock so listeners see snapshots and events in order.
            try {
                snapshots.accept(next);
                pending = unansweredIn(states);
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
