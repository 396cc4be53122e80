package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns the live model's successive snapshots of one cluster into the milestones of a leader change, each reported
 * once, with the time since the start: leader key released, new leader, timeline bump, old leader back as a
 * replica and streaming, each other replica streaming from the new leader. Thread-safe.
 */
final class ProgressTracker {

    private final ClusterSnapshot before;
    private final long startNanos;
    private final Consumer<ProgressStep> listener;
    private final List<ProgressStep> steps = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    ProgressTracker(ClusterSnapshot before, long startNanos, Consumer<ProgressStep> listener) {
        this.before = before;
        this.startNanos = startNanos;
        this.listener = listener;
    }

    /** Records something Pilothouse did ("POST /switchover sent"). */
    synchronized void note(String text) {
        emit(text);
    }

    synchronized void onSnapshot(ClusterSnapshot now) {
        String oldLeader = before.leader();
        if (oldLeader != null && !oldLeader.equals(now.leader()) && once("released")) {
            emit(now.leader() == null ? "leader key released by " + oldLeader
                    : "leader key moved from " + oldLeader + " to " + now.leader());
        }
        if (now.leader() != null && !now.leader().equals(oldLeader) && once("leader:" + now.leader())) {
            emit(now.leader() + " holds the leader key");
        }
        if (before.timeline() != null && now.timeline() != null && now.timeline() > before.timeline()
                && once("timeline:" + now.timeline())) {
            emit("timeline " + before.timeline() + " → " + now.timeline());
        }
        if (now.leader() == null || now.leader().equals(oldLeader)) {
            return;
        }
        for (Member m : now.members()) {
            if (m.name().equals(now.leader()) || m.role().isLeaderLike()) {
                continue;
            }
            boolean old = m.name().equals(oldLeader);
            boolean newTimeline = m.timeline() != null && now.timeline() != null && m.timeline().equals(now.timeline());
            if (old && newTimeline && once("rejoined:" + m.name())) {
                emit(m.name() + " (old leader) back as " + m.role().label() + " on timeline " + m.timeline());
            }
            if ("streaming".equals(m.replicationState()) && newTimeline && once("streaming:" + m.name())) {
                emit(m.name() + " streaming from " + now.leader());
            }
        }
    }

    synchronized List<ProgressStep> steps() {
        return List.copyOf(steps);
    }

    private boolean once(String key) {
        return seen.add(key);
    }

    private void emit(String text) {
        ProgressStep step = new ProgressStep(Duration.ofNanos(System.nanoTime() - startNanos), text);
        steps.add(step);
        try {
            listener.accept(step);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ProgressTracker.class).warn("Progress listener failed", e);
        }
    }
}
