package io.pilothouse.services.alerts;

import io.pilothouse.services.model.ArchiverStatus;
import io.pilothouse.services.model.ConsistencyProblem;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.NodeSlots;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.model.ReplicationSlot;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.TrafficProblem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Turns snapshots into alerts. Each rule yields the conditions that hold in a snapshot; a condition becomes an alert
 * once it has held for its rule's grace period ("lag above 16 MiB for 30 s") and is cleared as soon as it no longer
 * holds. The evaluator remembers when each condition was first seen, so it must see every snapshot in order.
 *
 * <p>No I/O: time comes from the injected clock, data from the snapshots. Thread-safe (evaluations are serialised);
 * cheap enough to run on every published snapshot.
 */
public final class AlertEvaluator {

    /** What one evaluation produced: the active alerts of every cluster and the transitions since the last one. */
    public record Evaluation(List<Alert> active, List<AlertEvent> events, Instant at) {
        public Evaluation {
            active = List.copyOf(active);
            events = List.copyOf(events);
        }
    }

    /** A condition holding right now, not yet checked against its grace period. */
    private record Condition(String id, AlertSeverity severity, AlertRule rule, ClusterSnapshot cluster, String member,
                             String message, Duration sustain, Instant startedAt) {
    }

    /** How long a disagreement must last to alert: a leader change passes through some for a moment. */
    static final Duration DISAGREEMENT_FOR = Duration.ofSeconds(10);

    private final AlertThresholds thresholds;
    private final Clock clock;
    private final Supplier<List<TrafficProblem>> traffic;
    private final Map<String, Instant> firstSeen = new HashMap<>();
    private final Map<String, Alert> active = new LinkedHashMap<>();
    /** The conditions of each cluster snapshot of the last evaluation, by identity (they depend on it alone). */
    private Map<ClusterSnapshot, List<Condition>> conditionsOf = new java.util.IdentityHashMap<>();

    public AlertEvaluator(AlertThresholds thresholds, Clock clock) {
        this(thresholds, clock, List::of);
    }

    /**
     * As {@link #AlertEvaluator(AlertThresholds, Clock)}, also raising the traffic layer's problems ({@code traffic}
     * gives the latest; called on every evaluation, so it must be cheap).
     */
    public AlertEvaluator(AlertThresholds thresholds, Clock clock, Supplier<List<TrafficProblem>> traffic) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.traffic = Objects.requireNonNull(traffic, "traffic");
    }

    /** The thresholds in use. */
    public AlertThresholds thresholds() {
        return thresholds;
    }

    /**
     * Evaluates every rule on {@code clusters} (the whole estate: alerts of clusters not listed are cleared) at the
     * clock's current time.
     */
    public synchronized Evaluation evaluate(List<ClusterSnapshot> clusters) {
        Instant now = clock.instant();
        Map<String, Condition> holding = new LinkedHashMap<>();
        List<TrafficProblem> trafficProblems = traffic.get();
        if (sorted != null && waiting == 0 && trafficProblems.equals(lastTraffic) && sameClusters(clusters)) {
            // The very snapshots of the last evaluation and no grace period running: nothing can have moved.
            return new Evaluation(sorted, List.of(), now);
        }
        lastTraffic = List.copyOf(trafficProblems);
        Map<ClusterSnapshot, List<Condition>> seen = new java.util.IdentityHashMap<>(clusters.size() * 2);
        for (ClusterSnapshot c : clusters) {
            // A cluster the estate did not re-put is the same object: its conditions are those worked out last time.
            List<Condition> cs = conditionsOf.get(c);
            if (cs == null) {
                cs = conditions(c);
            }
            seen.put(c, cs);
            for (Condition k : cs) {
                holding.putIfAbsent(k.id(), k);
            }
            for (Condition k : trafficConditions(c, trafficProblems)) {
                holding.putIfAbsent(k.id(), k);
            }
        }
        conditionsOf = seen;
        firstSeen.keySet().retainAll(holding.keySet());
        List<AlertEvent> events = new ArrayList<>();
        Map<String, Alert> next = new LinkedHashMap<>();
        boolean changed = false;
        for (Condition k : holding.values()) {
            Instant start = firstSeen.merge(k.id(), earliest(now, k.startedAt()), AlertEvaluator::earliest);
            if (!now.isBefore(start.plus(k.sustain()))) {
                Alert before = active.get(k.id());
                Alert a = sameAlert(before, k, start) ? before : new Alert(k.id(), k.severity(), k.rule(),
                        k.cluster().source(), k.cluster().scope(), k.member(), k.message(), start);
                changed |= a != before;
                next.put(a.id(), a);
                if (before == null) {
                    events.add(new AlertEvent(AlertEvent.Type.ALERT_RAISED, a, now));
                }
            }
        }
        for (Alert gone : active.values()) {
            if (!next.containsKey(gone.id())) {
                changed = true;
                events.add(new AlertEvent(AlertEvent.Type.ALERT_CLEARED, gone, now));
            }
        }
        active.clear();
        active.putAll(next);
        waiting = holding.size() - next.size();
        // Most evaluations change nothing (an estate republishes every second for its clocks alone): the same list,
        // not a new sort of every alert that a reader must compare element by element.
        if (changed || sorted == null) {
            List<Alert> list = new ArrayList<>(next.values());
            list.sort(Alert.ORDER);
            sorted = List.copyOf(list);
        }
        return new Evaluation(sorted, events, now);
    }

    private List<Alert> sorted;
    /** Conditions of the last evaluation still in their grace period (they become alerts with time alone). */
    private int waiting;
    private List<TrafficProblem> lastTraffic = List.of();

    /** True when {@code clusters} are the very snapshots (by identity) of the last evaluation. */
    private boolean sameClusters(List<ClusterSnapshot> clusters) {
        if (clusters.size() != conditionsOf.size()) {
            return false;
        }
        for (ClusterSnapshot c : clusters) {
            if (!conditionsOf.containsKey(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameAlert(Alert a, Condition k, Instant start) {
        return a != null && a.since().equals(start) && a.severity() == k.severity() && a.message().equals(k.message())
                && Objects.equals(a.member(), k.member());
    }

    private static Instant earliest(Instant a, Instant b) {
        return b == null || a.isBefore(b) ? a : b;
    }

    private List<Condition> conditions(ClusterSnapshot c) {
        List<Condition> out = new ArrayList<>();
        leaderMissing(c, out);
        leaseExpiring(c, out);
        writesBlocked(c, out);
        for (Member m : c.members()) {
            if (m.state() == MemberState.LOST) {
                memberMissing(c, m, out);
                continue;
            }
            if (c.leader() != null && !m.role().isLeaderLike()) {
                notStreaming(c, m, out);
                lag(c, m, out);
            }
            connections(c, m, out);
        }
        for (NodeSlots n : c.slots()) {
            slots(c, n, out);
            archiver(c, n, out);
        }
        for (PreparedBranch b : c.prepared()) {
            prepared(c, b, out);
        }
        for (ConsistencyProblem p : c.consistency()) {
            // One alert per kind and member: the message may change (values, errors) without a new alert.
            String id = id(AlertRule.DCS_NODE_DISAGREEMENT, c, p.member()) + "/" + p.kind().key();
            out.add(new Condition(id, p.kind().critical() ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
                    AlertRule.DCS_NODE_DISAGREEMENT, c, p.member(), "DCS and node disagree: " + p.message(),
                    DISAGREEMENT_FOR, null));
        }
        return out;
    }

    /** One alert per kind and entry point of the cluster's traffic layer; the message may change without a new one. */
    private static List<Condition> trafficConditions(ClusterSnapshot c, List<TrafficProblem> problems) {
        List<Condition> out = new ArrayList<>();
        for (TrafficProblem p : problems) {
            if (!p.source().equals(c.source()) || !c.scope().equals(p.scope())) {
                continue;
            }
            String id = id(AlertRule.TRAFFIC_LAYER, c, null) + "/" + p.kind().key() + "/" + p.entryPoint();
            out.add(new Condition(id, p.kind().critical() ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
                    AlertRule.TRAFFIC_LAYER, c, null, p.message(), DISAGREEMENT_FOR, null));
        }
        return out;
    }

    private void leaderMissing(ClusterSnapshot c, List<Condition> out) {
        // A frozen feed says nothing about the leader: the tree already shows the cluster as stale.
        if (c.leader() == null && c.topologyFreshness() == Freshness.LIVE) {
            out.add(new Condition(id(AlertRule.LEADER_MISSING, c, null), AlertSeverity.CRITICAL,
                    AlertRule.LEADER_MISSING, c, null,
                    "No member holds the leader key" + lasting(thresholds.leaderMissingFor())
                            + "; writes are refused until a leader is elected",
                    thresholds.leaderMissingFor(), null));
        }
    }

    private void memberMissing(ClusterSnapshot c, Member m, List<Condition> out) {
        out.add(new Condition(id(AlertRule.MEMBER_MISSING, c, m.name()), AlertSeverity.CRITICAL,
                AlertRule.MEMBER_MISSING, c, m.name(),
                "Member " + m.name() + " is missing: lost since " + (m.lastSeen() == null ? "before this session"
                        : m.lastSeen()) + "; no source names it any more and it does not answer at "
                        + m.endpoint() + (m.apiUrl() == null ? "" : " or " + m.apiUrl()),
                Duration.ZERO, null));
    }

    private void writesBlocked(ClusterSnapshot c, List<Condition> out) {
        // No grace period: a commit hangs from the first moment, and the condition is Patroni's own decision.
        if (c.sync().writesBlocked()) {
            out.add(new Condition(id(AlertRule.WRITES_BLOCKED, c, c.leader()), AlertSeverity.CRITICAL,
                    AlertRule.WRITES_BLOCKED, c, c.leader(),
                    "Writes blocked on " + c.leader() + ": synchronous_mode_strict is on and no synchronous standby "
                            + "is available (" + c.sync().rule() + "); commits wait until one connects",
                    Duration.ZERO, null));
        }
    }

    private void leaseExpiring(ClusterSnapshot c, List<Condition> out) {
        Long left = c.leaderLeaseSecondsLeft();
        Long ttl = c.ttlSeconds();
        if (c.leader() == null || left == null || ttl == null || ttl <= 0
                || c.sourceStatus(SourceKind.ETCD).freshness() != Freshness.LIVE) {
            return;
        }
        double limit = thresholds.leaseFraction() * ttl;
        if (left < limit) {
            out.add(new Condition(id(AlertRule.LEADER_LEASE_EXPIRING, c, c.leader()), AlertSeverity.WARNING,
                    AlertRule.LEADER_LEASE_EXPIRING, c, c.leader(),
                    String.format(Locale.ROOT, "Leader lease has %d s left of a %d s ttl, below %.0f s: %s is not "
                            + "renewing it", left, ttl, limit, c.leader()),
                    Duration.ZERO, null));
        }
    }

    private void notStreaming(ClusterSnapshot c, Member m, List<Condition> out) {
        String why = null;
        MemberState s = m.state();
        if (s != MemberState.RUNNING && s != MemberState.STREAMING && s != MemberState.UNKNOWN) {
            why = "Patroni reports it as " + s.label();
        } else if (m.replicationState() != null && !"streaming".equalsIgnoreCase(m.replicationState())) {
            why = "its walsender is in state " + m.replicationState();
        } else if (m.replicationState() == null && m.sqlLagBytes() == null
                && c.sourceStatus(SourceKind.POSTGRES).freshness() == Freshness.LIVE
                && m.freshness() == Freshness.LIVE) {
            why = "its upstream " + (m.upstream() == null ? "" : m.upstream() + " ") + "has no walsender for it";
        }
        if (why != null) {
            out.add(new Condition(id(AlertRule.REPLICA_NOT_STREAMING, c, m.name()), AlertSeverity.CRITICAL,
                    AlertRule.REPLICA_NOT_STREAMING, c, m.name(),
                    "Replica " + m.name() + " is not streaming: " + why + lasting(thresholds.notStreamingFor()),
                    thresholds.notStreamingFor(), null));
        }
    }

    private void lag(ClusterSnapshot c, Member m, List<Condition> out) {
        Long bytes = m.sqlLagBytes() != null ? m.sqlLagBytes() : m.patroniLag().bytes();
        Double seconds = m.sqlLagSeconds();
        long byteLimit = thresholds.lagBytesFor(c.maximumLagOnFailover());
        List<String> over = new ArrayList<>();
        if (bytes != null && bytes > byteLimit) {
            over.add(Figures.bytes(bytes) + " behind, above " + Figures.bytes(byteLimit));
        }
        if (seconds != null && seconds > thresholds.lagSeconds()) {
            over.add(Figures.seconds(seconds) + " behind, above " + Figures.seconds(thresholds.lagSeconds()));
        }
        if (!over.isEmpty()) {
            out.add(new Condition(id(AlertRule.REPLICA_LAG, c, m.name()), AlertSeverity.WARNING,
                    AlertRule.REPLICA_LAG, c, m.name(),
                    "Replica " + m.name() + " replays " + String.join(" and ", over) + lasting(thresholds.lagFor()),
                    thresholds.lagFor(), null));
        }
    }

    private void connections(ClusterSnapshot c, Member m, List<Condition> out) {
        Long n = m.backends();
        if (n != null && n > thresholds.connections()) {
            out.add(new Condition(id(AlertRule.CONNECTIONS_HIGH, c, m.name()), AlertSeverity.WARNING,
                    AlertRule.CONNECTIONS_HIGH, c, m.name(),
                    n + " client connections on " + m.name() + ", above " + thresholds.connections()
                            + lasting(thresholds.connectionsFor()),
                    thresholds.connectionsFor(), null));
        }
    }

    /** A prepared branch waiting too long, or holding back freezing: both mean someone must resolve it. */
    private void prepared(ClusterSnapshot c, PreparedBranch b, List<Condition> out) {
        String node = b.node().member();
        String what = "Prepared transaction " + io.pilothouse.services.indoubt.GidText.quoted(b.gid()) + " on " + node + " (database "
                + b.database() + ", owner " + b.owner() + ")";
        String holds = (b.locks().isEmpty() ? "" : "; it holds " + b.locks().size() + " lock(s)")
                + (b.blocked().isEmpty() ? "" : " and blocks " + b.blocked().size() + " session(s)")
                + (b.oldestXmin() ? "; it is the oldest xmin holding back VACUUM" : "");
        String todo = ": resolve it in the in-doubt console or with `pilothouse indoubt resolve`";
        Instant prepared = b.prepared();
        out.add(new Condition(id(AlertRule.PREPARED_XACT_OLD, c, node) + "/" + b.gid(), AlertSeverity.WARNING,
                AlertRule.PREPARED_XACT_OLD, c, node, what + " has waited for COMMIT or ROLLBACK PREPARED longer than "
                + Figures.duration(thresholds.preparedAge()) + holds + todo, thresholds.preparedAge(), prepared));
        double limit = thresholds.preparedXidFraction() * b.freezeMaxAge();
        if (b.freezeMaxAge() > 0 && b.xidAge() >= limit) {
            out.add(new Condition(id(AlertRule.PREPARED_XACT_XID_AGE, c, node) + "/" + b.gid(),
                    AlertSeverity.CRITICAL, AlertRule.PREPARED_XACT_XID_AGE, c, node, what + " is " + b.xidAge()
                    + " transactions old, past " + Math.round(thresholds.preparedXidFraction() * 100)
                    + "% of autovacuum_freeze_max_age (" + b.freezeMaxAge() + "); anti-wraparound VACUUM cannot "
                    + "freeze past it" + todo, Duration.ZERO, null));
        }
    }

    private void slots(ClusterSnapshot c, NodeSlots n, List<Condition> out) {
        for (ReplicationSlot s : n.slots()) {
            Long retained = s.retainedBytes();
            if (retained != null && retained > thresholds.slotRetainedBytes()) {
                out.add(new Condition(id(AlertRule.SLOT_RETAINING_WAL, c, n.node()) + "/" + s.name(),
                        AlertSeverity.WARNING, AlertRule.SLOT_RETAINING_WAL, c, n.node(),
                        "Slot " + s.name() + " on " + n.node() + " holds back " + Figures.bytes(retained)
                                + " of WAL, above " + Figures.bytes(thresholds.slotRetainedBytes())
                                + (s.active() ? "" : "; it has no consumer"),
                        Duration.ZERO, null));
            }
            // Only the primary: Patroni keeps copies of its members' slots on replicas, inactive by design.
            if (!n.inRecovery() && !s.active() && !s.temporary()) {
                out.add(new Condition(id(AlertRule.SLOT_INACTIVE, c, n.node()) + "/" + s.name(),
                        AlertSeverity.WARNING, AlertRule.SLOT_INACTIVE, c, n.node(),
                        "Slot " + s.name() + " on " + n.node() + " has no consumer"
                                + lasting(thresholds.slotInactiveFor())
                                + (retained == null ? "" : "; it holds back " + Figures.bytes(retained) + " of WAL"),
                        thresholds.slotInactiveFor(), s.inactiveSince()));
            }
        }
    }

    private void archiver(ClusterSnapshot c, NodeSlots n, List<Condition> out) {
        ArchiverStatus a = n.archiver();
        if (a != null && a.failing()) {
            out.add(new Condition(id(AlertRule.ARCHIVER_FAILING, c, n.node()), AlertSeverity.WARNING,
                    AlertRule.ARCHIVER_FAILING, c, n.node(),
                    "WAL archiving fails on " + n.node() + ": "
                            + (a.lastFailedWal() == null ? "the last attempt" : a.lastFailedWal())
                            + " failed at " + a.lastFailedTime() + " (" + a.failedCount()
                            + " failures since the statistics were reset); last success "
                            + (a.lastArchivedTime() == null ? "never" : "at " + a.lastArchivedTime()),
                    Duration.ZERO, a.lastFailedTime()));
        }
    }

    /** " for 30 s or more", or nothing when the rule has no grace period. */
    private static String lasting(Duration grace) {
        return grace.isZero() ? "" : " for " + Figures.duration(grace) + " or more";
    }

    private static String id(AlertRule rule, ClusterSnapshot c, String member) {
        return rule.key() + "/" + c.source() + "/" + c.scope() + (member == null ? "" : "/" + member);
    }
}
