package io.pilothouse.services.history;

import io.pilothouse.services.model.ClusterEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a switchover from a failover from the live model's events of <b>one</b> cluster, fed in order.
 *
 * <p>What Patroni does, as observed on 3.0.2: in a switchover the old leader demotes itself (its state goes
 * {@code stopping → stopped}, reported through its still-answering REST API), releases the leader key
 * ({@code LEADER_LOST}) and the candidate takes it within milliseconds ({@code LEADER_ELECTED}); the old leader then
 * starts again as a replica. In a failover the leader dies first: it goes stale/unreachable within seconds, and its
 * key only expires after {@code ttl} (20 s in the sandbox) before a replica takes over.
 *
 * <p>Rules, first match wins, applied when a new leader is seen:
 * <ol>
 *   <li>Same member re-takes the key: not a leader change (nothing is reported).</li>
 *   <li>The old leader reported an orderly stop ({@code stopping}, {@code stopped}, {@code restarting}) within
 *       {@code demoteWindow} before the key went, not followed by a failure signal nor by running again as leader
 *       (a restart): <b>switchover</b>. (Its SQL may go stale while PostgreSQL is down for the demote; the orderly
 *       report came first.) REST is polled once a second, so a quick demote is often not seen; rule 4 covers it.</li>
 *   <li>The old leader had a failure signal before the new leader appeared and not cleared since: it went
 *       {@code MEMBER_STALE} (stopped answering), {@code MEMBER_LEFT} (registration expired) or its state became
 *       {@code crashed}/{@code start failed}/{@code restart failed}: <b>failover</b>.</li>
 *   <li>The new leader came within {@code switchoverGap} of the old key going: a hand-over while the old leader
 *       still answered: <b>switchover</b>.</li>
 *   <li>Otherwise the cluster was leaderless longer than a hand-over takes (about {@code ttl}): <b>failover</b>.</li>
 * </ol>
 * A manual {@code POST /failover} to a healthy cluster counts as a switchover: it was planned and nothing broke.
 * Not thread-safe: one instance per cluster, fed from one thread (the monitor's event callback).
 */
public final class LeaderTransitionClassifier {

    /** Longest leaderless gap still counted as a hand-over: far above the few ms seen, far below any ttl. */
    public static final Duration DEFAULT_SWITCHOVER_GAP = Duration.ofSeconds(5);
    /** How far back an orderly stop of the old leader is taken as the start of its demote. */
    public static final Duration DEFAULT_DEMOTE_WINDOW = Duration.ofSeconds(30);

    private static final Set<String> ORDERLY = Set.of("stopping", "stopped", "restarting");
    private static final Set<String> HEALTHY = Set.of("running", "streaming");
    private static final Set<String> BROKEN = Set.of("crashed", "start failed", "restart failed");

    private record Signal(Instant at, String what) {
    }

    private final Duration switchoverGap;
    private final Duration demoteWindow;
    /** The first failure signal per member since it was last healthy: the first one is the cause. */
    private final Map<String, Signal> failures = new HashMap<>();
    private final Map<String, Instant> orderlyStops = new HashMap<>();
    private String lostLeader;
    private Instant lostAt;

    /** With the default gap and window. */
    public LeaderTransitionClassifier() {
        this(DEFAULT_SWITCHOVER_GAP, DEFAULT_DEMOTE_WINDOW);
    }

    public LeaderTransitionClassifier(Duration switchoverGap, Duration demoteWindow) {
        this.switchoverGap = switchoverGap;
        this.demoteWindow = demoteWindow;
    }

    /** Takes the next event; returns a transition when this event completes a leader change. */
    public Optional<LeaderTransition> accept(ClusterEvent e) {
        Instant t = e.observedAt();
        switch (e.type()) {
            case MEMBER_STALE -> failures.putIfAbsent(e.member(), new Signal(t, "stopped answering ("
                    + lower(e.to()) + ")"));
            case MEMBER_FRESH, MEMBER_JOINED -> failures.remove(e.member());
            case MEMBER_LEFT -> failures.putIfAbsent(e.member(), new Signal(t, "its registration in the DCS expired"));
            case STATE_CHANGED -> state(e.member(), lower(e.to()), t);
            case LEADER_LOST -> {
                lostLeader = e.from();
                lostAt = t;
            }
            case LEADER_ELECTED -> {
                if (lostLeader == null) {
                    // First leader seen (monitor start or a new cluster): nothing to classify.
                    return Optional.empty();
                }
                String old = lostLeader;
                lostLeader = null;
                return classify(old, e.to(), lostAt, t);
            }
            case LEADER_CHANGED -> {
                lostLeader = null;
                return classify(e.from(), e.to(), t, t);
            }
            case CLUSTER_REMOVED -> {
                failures.clear();
                orderlyStops.clear();
                lostLeader = null;
            }
            default -> { }
        }
        return Optional.empty();
    }

    private void state(String member, String to, Instant t) {
        if (BROKEN.contains(to)) {
            failures.putIfAbsent(member, new Signal(t, "its PostgreSQL state became '" + to + "'"));
        } else if (ORDERLY.contains(to)) {
            orderlyStops.put(member, t);
        } else if (HEALTHY.contains(to) && !member.equals(lostLeader)) {
            // Back up without losing the key (a restart): that stop was no demote. A demoting leader only starts
            // again after releasing its key, so its stop is kept while the key is gone.
            orderlyStops.remove(member);
        }
    }

    private Optional<LeaderTransition> classify(String old, String now, Instant lost, Instant elected) {
        if (old == null || now == null || old.equals(now)) {
            return Optional.empty();
        }
        Signal failure = failures.get(old);
        Instant orderly = orderlyStops.remove(old);
        boolean demoted = orderly != null && !orderly.isBefore(lost.minus(demoteWindow))
                && (failure == null || !failure.at().isBefore(orderly));
        if (demoted) {
            return result(HistoryKind.SWITCHOVER, old, now, lost, elected,
                    old + " stopped in order and handed the leader key to " + now);
        }
        if (failure != null && !failure.at().isAfter(elected)) {
            return result(HistoryKind.FAILOVER, old, now, lost, elected, old + " " + failure.what()
                    + " before " + now + " took over");
        }
        Duration gap = Duration.between(lost, elected);
        if (gap.compareTo(switchoverGap) <= 0) {
            return result(HistoryKind.SWITCHOVER, old, now, lost, elected,
                    old + " released the leader key while answering; " + now + " took it within " + gap.toMillis()
                            + " ms");
        }
        return result(HistoryKind.FAILOVER, old, now, lost, elected,
                "no leader for " + gap.toSeconds() + " s after " + old + "'s key went; " + now + " took over");
    }

    private static Optional<LeaderTransition> result(HistoryKind kind, String old, String now, Instant lost,
                                                     Instant elected, String reason) {
        return Optional.of(new LeaderTransition(kind, old, now, lost, elected, reason));
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
