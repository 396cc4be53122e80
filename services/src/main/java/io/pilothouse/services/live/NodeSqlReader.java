package io.pilothouse.services.live;

import io.pilothouse.services.indoubt.PreparedXactsProbe;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.NodeSlots;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.postgres.NodeConnections;
import io.pilothouse.services.postgres.NodeSqlState;
import io.pilothouse.services.postgres.ReplicationProbe;
import io.pilothouse.services.consistency.NodeSetting;
import io.pilothouse.services.consistency.SettingsProbe;
import io.pilothouse.services.slots.SlotActivityTracker;
import io.pilothouse.services.slots.SlotRules;
import io.pilothouse.services.slots.SlotsProbe;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Reads the nodes of one cluster over SQL: replication state every round, slots and the archiver every few seconds,
 * on the same pooled connection. Each node is read on its own task with at most one read in flight, so a stalled node
 * never blocks the others and a slow one never piles reads up. Shared by the Patroni and the plain cluster monitors.
 */
final class NodeSqlReader {

    /** Slots and the archiver change slowly and cost more to read: every few seconds per node is enough. */
    private static final Duration SLOTS_INTERVAL = Duration.ofSeconds(5);

    /** One node to read: its member name and where it listens. */
    record Target(String name, String host, int port) {
    }

    private final NodeConnections sql;
    private final Executor io;
    private final Clock clock;
    private final SlotsProbe slotsProbe;
    private final Object lock = new Object();
    private final Map<String, NodeRead<NodeSqlState>> states = new HashMap<>();
    private final Map<String, NodeRead<NodeSlots>> slots = new HashMap<>();
    private final Map<String, List<PreparedBranch>> prepared = new HashMap<>();
    private final Map<String, Map<String, NodeSetting>> settings = new HashMap<>();
    private final PreparedXactsProbe preparedProbe = new PreparedXactsProbe();
    private final String source;
    private final String scope;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Nodes that did not answer are asked less and less often. */
    private final PollBackoff backoff;

    NodeSqlReader(String source, String scope, NodeConnections sql, Executor io, Clock clock, PollBackoff backoff) {
        this.backoff = backoff;
        this.source = source;
        this.scope = scope;
        this.sql = sql;
        this.io = io;
        this.clock = clock;
        this.slotsProbe = new SlotsProbe(new SlotActivityTracker(), SlotRules.DEFAULTS, clock);
    }

    /** Starts a read of every target not already being read; {@code afterRead} runs after each one. */
    void poll(Iterable<Target> targets, Runnable afterRead) {
        for (Target t : targets) {
            if (!backoff.due(t.name()) || !inFlight.add(t.name())) {
                continue;
            }
            boolean readSlots = slotsDue(t.name());
            try {
                io.execute(() -> {
                    try {
                        read(t, readSlots);
                    } finally {
                        inFlight.remove(t.name());
                    }
                    afterRead.run();
                });
            } catch (RuntimeException e) {
                inFlight.remove(t.name()); // executor shut down
            }
        }
    }

    private void read(Target t, boolean readSlots) {
        try {
            NodeSqlState state;
            NodeSlots nodeSlots = null;
            List<PreparedBranch> branches = null;
            Map<String, NodeSetting> nodeSettings = null;
            Map<String, NodeSetting> standbyNames = null;
            try (Connection c = sql.open(t.host(), t.port())) {
                state = ReplicationProbe.read(c);
                if (readSlots) {
                    nodeSlots = slotsProbe.read(t.name(), c);
                    // Compared with the dynamic configuration (DCS ↔ node consistency); changes seldom.
                    nodeSettings = SettingsProbe.read(c);
                } else {
                    standbyNames = SettingsProbe.readStandbyNames(c);
                    // Prepared transactions live on primaries only; read at the slots' pace.
                    branches = state.inRecovery() ? List.of()
                            : preparedProbe.read(new NodeRef(source, scope, t.name(), t.host(), t.port()), c);
                }
            }
            Instant now = clock.instant();
            backoff.succeeded(t.name());
            synchronized (lock) {
                states.put(t.name(), states.getOrDefault(t.name(), NodeRead.none()).succeeded(state, now));
                if (nodeSlots != null) {
                    slots.put(t.name(), slots.getOrDefault(t.name(), NodeRead.none()).succeeded(nodeSlots, now));
                }
                if (branches != null) {
                    prepared.put(t.name(), branches);
                }
                if (nodeSettings != null) {
                    settings.put(t.name(), nodeSettings);
                } else if (standbyNames != null && settings.containsKey(t.name())) {
                    Map<String, NodeSetting> updated = new HashMap<>(settings.get(t.name()));
                    updated.putAll(standbyNames);
                    settings.put(t.name(), updated);
                }
            }
        } catch (Exception ex) {
            Instant now = clock.instant();
            String why = "PostgreSQL at " + t.host() + ":" + t.port() + ": " + SqlErrors.describe(ex);
            backoff.failed(t.name());
            synchronized (lock) {
                states.put(t.name(), states.getOrDefault(t.name(), NodeRead.none())
                        .failed(why, SqlErrors.refused(ex), now));
                if (readSlots) {
                    slots.put(t.name(), slots.getOrDefault(t.name(), NodeRead.none()).failed(why, false, now));
                    prepared.remove(t.name());
                    settings.remove(t.name());
                }
            }
        }
    }

    private boolean slotsDue(String name) {
        synchronized (lock) {
            NodeRead<NodeSlots> r = slots.get(name);
            Instant at = r == null ? null : (r.failedAt() != null ? r.failedAt() : r.lastSuccess());
            return at == null || at.plus(SLOTS_INTERVAL).isBefore(clock.instant());
        }
    }

    /** {@code name} showed a sign of life elsewhere (its DCS member key changed): read it at the normal pace again. */
    void signOfLife(String name) {
        backoff.reset(name);
    }

    /** The last replication read of every node (a copy). */
    Map<String, NodeRead<NodeSqlState>> states() {
        synchronized (lock) {
            return Map.copyOf(states);
        }
    }

    /** The last slots read of every node (a copy). */
    Map<String, NodeRead<NodeSlots>> slots() {
        synchronized (lock) {
            return Map.copyOf(slots);
        }
    }

    /** The prepared transactions last read on every primary node, by node name (a copy). */
    Map<String, List<PreparedBranch>> prepared() {
        synchronized (lock) {
            return Map.copyOf(prepared);
        }
    }

    /** True once {@code name} answered (see {@link NodeRead#answered()}). */
    boolean answered(String name) {
        synchronized (lock) {
            NodeRead<NodeSqlState> r = states.get(name);
            return r != null && r.answered();
        }
    }

    /** The latest failure reading {@code name}, or null. */
    String error(String name) {
        synchronized (lock) {
            NodeRead<NodeSqlState> r = states.get(name);
            return r == null ? null : r.error();
        }
    }

    /** The {@code pg_settings} last read on every node that answered, by node name (a copy). */
    Map<String, Map<String, NodeSetting>> settings() {
        synchronized (lock) {
            return Map.copyOf(settings);
        }
    }

    /** True once {@code name} has been read at least once, successfully or not. */
    boolean attempted(String name) {
        synchronized (lock) {
            NodeRead<NodeSqlState> r = states.get(name);
            return r != null && (r.lastSuccess() != null || r.failedAt() != null);
        }
    }
}
