package io.pilothouse.services.activity;

import io.pilothouse.services.model.NodeRef;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one read of a node found. Our own reading session is left out.
 *
 * @param node                 the node read
 * @param inRecovery           true for a standby
 * @param maxConnections       {@code max_connections}
 * @param reservedConnections  {@code superuser_reserved_connections}
 * @param sessions             every backend but ours, by pid
 * @param advisoryLocks        advisory locks held and waited for
 * @param counters             the cumulative counters rates are taken from
 */
public record ActivityReading(NodeRef node, boolean inRecovery, int maxConnections, int reservedConnections,
                              List<ActivitySession> sessions, List<AdvisoryLock> advisoryLocks,
                              ActivityCounters counters) {

    /** A transaction open this long is "long" unless told otherwise. */
    public static final double LONG_TRANSACTION_SECONDS = 60;

    public ActivityReading {
        sessions = List.copyOf(sessions);
        advisoryLocks = List.copyOf(advisoryLocks);
    }

    /** Client connections now (ours included: it counts against the limit too). */
    public int connections() {
        return (int) sessions.stream().filter(ActivitySession::clientBackend).count() + 1;
    }

    /** Connections other roles can still open: {@code max_connections - superuser_reserved_connections - used}. */
    public int connectionsFree() {
        return Math.max(0, maxConnections - reservedConnections - connections());
    }

    /** Client backends by state, every state present (zero counts included), in the enum's order. */
    public Map<SessionState, Integer> byState() {
        Map<SessionState, Integer> out = new EnumMap<>(SessionState.class);
        for (SessionState s : SessionState.values()) {
            out.put(s, 0);
        }
        sessions.stream().filter(ActivitySession::clientBackend).forEach(s -> out.merge(s.state(), 1, Integer::sum));
        return out;
    }

    /** What sessions wait on, the most common first (ties by name); idle clients waiting for input left out. */
    public List<WaitCount> topWaits(int limit) {
        Map<String, WaitCount> counts = new LinkedHashMap<>();
        for (ActivitySession s : sessions) {
            if (s.waitEventType() == null || s.state() == SessionState.IDLE
                    || s.state().idleInTransaction() || "Activity".equals(s.waitEventType())) {
                continue;
            }
            counts.merge(s.waitText(), new WaitCount(s.waitEventType(), s.waitEvent(), 1),
                    (a, b) -> new WaitCount(a.type(), a.event(), a.count() + 1));
        }
        return counts.values().stream().sorted(Comparator.comparingInt(WaitCount::count).reversed()
                .thenComparing(WaitCount::text)).limit(limit).toList();
    }

    /** Who blocks whom. */
    public List<BlockingTree.Node> blockingTree() {
        return BlockingTree.of(sessions);
    }

    /** Sessions whose transaction has been open at least {@code seconds}, oldest first. */
    public List<ActivitySession> longTransactions(double seconds) {
        return sessions.stream().filter(s -> s.transactionSeconds() != null && s.transactionSeconds() >= seconds)
                .sorted(Comparator.comparing(ActivitySession::transactionSeconds).reversed()).toList();
    }

    /** Sessions idle inside an open transaction, longest idle first. */
    public List<ActivitySession> idleInTransaction() {
        return sessions.stream().filter(s -> s.state().idleInTransaction())
                .sorted(Comparator.comparingDouble(ActivitySession::stateSeconds).reversed()).toList();
    }

    /** The session with {@code pid}, if read. */
    public java.util.Optional<ActivitySession> session(int pid) {
        return sessions.stream().filter(s -> s.pid() == pid).findFirst();
    }
}
