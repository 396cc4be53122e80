package io.pilothouse.services.history;

import io.pilothouse.services.model.ClusterEvent;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The history of one cluster: Patroni's timeline records plus live events turned into entries (switchover, failover,
 * member lost/joined). Live entries are kept in a bounded ring because the app runs for weeks. Thread-safe.
 */
public final class ClusterHistory {

    /** Live entries kept per cluster; timeline records are kept in full (Patroni bounds them itself). */
    public static final int DEFAULT_CAPACITY = 500;

    /** Oldest first; entries without a time (old Patroni records) first of all. */
    public static final Comparator<HistoryEntry> ORDER = Comparator.comparing(HistoryEntry::time,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    private final String scope;
    private final int capacity;
    private final LeaderTransitionClassifier classifier;
    private final Deque<HistoryEntry> live = new ArrayDeque<>();
    private final Set<String> lost = new HashSet<>();
    private List<TimelineRecord> timelines = List.of();

    /** @param scope the cluster, for entry texts */
    public ClusterHistory(String scope) {
        this(scope, new LeaderTransitionClassifier(), DEFAULT_CAPACITY);
    }

    public ClusterHistory(String scope, LeaderTransitionClassifier classifier, int capacity) {
        this.scope = scope;
        this.classifier = classifier;
        this.capacity = capacity;
    }

    /** The cluster this history is about. */
    public String scope() {
        return scope;
    }

    /** Takes one live event of this cluster (in order); returns the entries it produced, usually none. */
    public synchronized List<HistoryEntry> record(ClusterEvent e) {
        List<HistoryEntry> added = new ArrayList<>(2);
        classifier.accept(e).ifPresent(t -> added.add(new HistoryEntry(t.electedAt(), t.kind(), t.newLeader(),
                t.oldLeader() + " → " + t.newLeader() + ": " + t.reason(), null)));
        Instant at = e.observedAt();
        switch (e.type()) {
            case MEMBER_LEFT -> {
                if (lost.add(e.member())) {
                    added.add(new HistoryEntry(at, HistoryKind.MEMBER_LOST, e.member(),
                            e.member() + " vanished from the DCS" + (e.from() == null ? "" : " (was " + e.from() + ")"),
                            null));
                }
            }
            case MEMBER_STALE -> {
                if ("UNREACHABLE".equals(e.to()) && lost.add(e.member())) {
                    added.add(new HistoryEntry(at, HistoryKind.MEMBER_LOST, e.member(),
                            e.member() + " stopped answering", null));
                }
            }
            case MEMBER_JOINED -> {
                boolean back = lost.remove(e.member());
                added.add(new HistoryEntry(at, HistoryKind.MEMBER_JOINED, e.member(),
                        e.member() + (back ? " registered again" : " joined the cluster"), null));
            }
            case MEMBER_FRESH -> {
                if (lost.remove(e.member())) {
                    added.add(new HistoryEntry(at, HistoryKind.MEMBER_JOINED, e.member(),
                            e.member() + " answers again", null));
                }
            }
            case TIMELINE_CHANGED -> {
                Integer next = parseInt(e.to());
                if (next != null) {
                    added.add(new HistoryEntry(at, HistoryKind.TIMELINE, null, timelineText(e.from(), next), next));
                }
            }
            default -> { }
        }
        added.forEach(this::keep);
        return List.copyOf(added);
    }

    /** Replaces the timeline records (from {@code GET /history} or the DCS {@code history} key). */
    public synchronized void setTimelines(List<TimelineRecord> records) {
        timelines = List.copyOf(records);
    }

    /**
     * Everything, oldest first. A timeline seen live and also in Patroni's records appears once, as the record: it
     * carries Patroni's own time and the LSN.
     */
    public synchronized List<HistoryEntry> entries() {
        Set<Integer> recorded = new HashSet<>();
        List<HistoryEntry> all = new ArrayList<>();
        for (TimelineRecord r : timelines) {
            recorded.add(r.nextTimeline());
            all.add(fromRecord(r));
        }
        for (HistoryEntry e : live) {
            if (e.kind() != HistoryKind.TIMELINE || !recorded.contains(e.timeline())) {
                all.add(e);
            }
        }
        all.sort(ORDER);
        return List.copyOf(all);
    }

    private void keep(HistoryEntry e) {
        live.addLast(e);
        while (live.size() > capacity) {
            live.removeFirst();
        }
    }

    static HistoryEntry fromRecord(TimelineRecord r) {
        StringBuilder text = new StringBuilder("Timeline ").append(r.nextTimeline()).append(" began");
        if (r.newLeader() != null) {
            text.append(" on ").append(r.newLeader());
        }
        if (r.lsn() != null) {
            text.append(" at LSN ").append(lsnText(r.lsn()));
        }
        if (r.reason() != null && !r.reason().isBlank()) {
            text.append(" (").append(r.reason()).append(')');
        }
        return new HistoryEntry(r.timestamp(), HistoryKind.TIMELINE, r.newLeader(), text.toString(), r.nextTimeline());
    }

    /** PostgreSQL's textual LSN, {@code 0/3000060}, as DBAs read it. */
    static String lsnText(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }

    private static String timelineText(String from, int next) {
        return "Timeline " + next + " began" + (from == null ? "" : " (was " + from + ")");
    }

    private static Integer parseInt(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
