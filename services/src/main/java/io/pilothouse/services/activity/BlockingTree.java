package io.pilothouse.services.activity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who blocks whom, from each session's {@code pg_blocking_pids}: the roots are sessions that block others while
 * waiting for nobody (the ones to look at first), each with the sessions waiting on it below. A waiter behind two
 * blockers appears under both. A blocker that is not among the sessions read (a prepared transaction, pid 0, or a
 * backend gone between the two reads) is a root without a session. A cycle (a deadlock before the detector breaks
 * it) is cut where it would repeat a pid, and its sessions become roots so none goes missing.
 */
public final class BlockingTree {

    /**
     * One session in the tree.
     *
     * @param pid      the backend's pid (0: a prepared transaction)
     * @param session  the session, or null when it is not among the sessions read
     * @param children the sessions waiting on this one
     */
    public record Node(int pid, ActivitySession session, List<Node> children) {

        public Node {
            children = List.copyOf(children);
        }

        /** How many sessions wait behind this one, directly or further down. */
        public int waitingBehind() {
            int n = 0;
            for (Node c : children) {
                n += 1 + c.waitingBehind();
            }
            return n;
        }

        /** What the node is, in words: {@code pid 1234 (app, idle in transaction)} or {@code prepared transaction}. */
        public String label() {
            if (pid == 0) {
                return "a prepared transaction";
            }
            if (session == null) {
                return "pid " + pid + " (gone or not visible)";
            }
            String state = session.state() == SessionState.OTHER ? session.backendType() : session.state().wireName();
            return "pid " + pid + " (" + (session.user() == null ? "?" : session.user()) + ", " + state + ")";
        }
    }

    private BlockingTree() {
    }

    /** The blocking trees among {@code sessions}, the roots blocking the most sessions first; empty when none waits. */
    public static List<Node> of(List<ActivitySession> sessions) {
        Map<Integer, ActivitySession> byPid = new LinkedHashMap<>();
        sessions.forEach(s -> byPid.put(s.pid(), s));
        Map<Integer, List<Integer>> waiters = new LinkedHashMap<>();
        for (ActivitySession s : sessions) {
            for (int blocker : new java.util.LinkedHashSet<>(s.blockedBy())) {
                waiters.computeIfAbsent(blocker, k -> new ArrayList<>()).add(s.pid());
            }
        }
        List<Integer> roots = new ArrayList<>();
        for (Integer blocker : waiters.keySet()) {
            ActivitySession s = byPid.get(blocker);
            if (s == null || !s.blocked()) {
                roots.add(blocker);
            }
        }
        Set<Integer> placed = new HashSet<>();
        List<Node> out = new ArrayList<>();
        for (int root : roots) {
            out.add(build(root, byPid, waiters, new HashSet<>(), placed));
        }
        // Blockers in a cycle have no root above them: show each cycle from one of its members.
        for (Integer blocker : waiters.keySet()) {
            if (!placed.contains(blocker)) {
                out.add(build(blocker, byPid, waiters, new HashSet<>(), placed));
            }
        }
        out.sort((a, b) -> Integer.compare(b.waitingBehind(), a.waitingBehind()));
        return out;
    }

    private static Node build(int pid, Map<Integer, ActivitySession> byPid, Map<Integer, List<Integer>> waiters,
                              Set<Integer> path, Set<Integer> placed) {
        placed.add(pid);
        path.add(pid);
        List<Node> children = new ArrayList<>();
        for (int w : waiters.getOrDefault(pid, List.of())) {
            if (!path.contains(w)) {
                children.add(build(w, byPid, waiters, path, placed));
            }
        }
        path.remove(pid);
        return new Node(pid, byPid.get(pid), children);
    }
}
