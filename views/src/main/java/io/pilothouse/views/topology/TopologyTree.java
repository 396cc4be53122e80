package io.pilothouse.views.topology;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who replicates from whom. A replica's parent is its {@code upstream} when that member is listed, the leader
 * when upstream is null; leader-like members and replicas whose upstream is not listed are roots. Upstream
 * loops (which Patroni can briefly report while members re-point) are cut at the leader, so the result is
 * always a forest. When the cluster has no leader, replicas that would stream from it hang under
 * {@link #NO_LEADER}, a placeholder root the view draws as an empty leader slot.
 */
public final class TopologyTree {

    /** Key of the placeholder root shown when there is no leader. Not a valid member name (contains NUL). */
    public static final String NO_LEADER = "\u0000no-leader";

    private final List<String> roots;
    private final Map<String, String> parents;
    private final Map<String, List<String>> children;

    private TopologyTree(List<String> roots, Map<String, String> parents, Map<String, List<String>> children) {
        this.roots = roots;
        this.parents = parents;
        this.children = children;
    }

    /** Builds the tree of a cluster snapshot. Child order follows the snapshot's member order. */
    public static TopologyTree of(ClusterSnapshot cluster) {
        List<Member> members = cluster.members();
        Set<String> names = new HashSet<>();
        members.forEach(m -> names.add(m.name()));
        String leader = leaderName(cluster, names);
        String fallback = leader != null ? leader : NO_LEADER;

        Map<String, String> parents = new LinkedHashMap<>();
        for (Member m : members) {
            parents.put(m.name(), parentOf(m, leader, fallback, names));
        }
        cutLoops(parents, leader);

        Map<String, List<String>> children = new LinkedHashMap<>();
        List<String> roots = new ArrayList<>();
        boolean orphans = parents.containsValue(NO_LEADER);
        if (orphans) {
            roots.add(NO_LEADER);
        }
        for (Member m : members) {
            String p = parents.get(m.name());
            if (p == null) {
                roots.add(m.name());
            } else {
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(m.name());
            }
        }
        children.replaceAll((k, v) -> List.copyOf(v));
        return new TopologyTree(List.copyOf(roots), Collections.unmodifiableMap(parents),
                Collections.unmodifiableMap(children));
    }

    /** Top-level nodes, left to right: the leader (or {@link #NO_LEADER}) first. */
    public List<String> roots() {
        return roots;
    }

    /** The node a member hangs under, or null for a root. */
    public String parent(String member) {
        return parents.get(member);
    }

    /** Direct children of a node, in display order. */
    public List<String> children(String node) {
        return children.getOrDefault(node, List.of());
    }

    /** Depth of a member: 0 for a root. */
    public int depth(String member) {
        int d = 0;
        for (String p = parent(member); p != null; p = parent(p)) {
            d++;
        }
        return d;
    }

    private static String leaderName(ClusterSnapshot c, Set<String> names) {
        if (c.leader() != null && names.contains(c.leader())) {
            return c.leader();
        }
        if (c.leader() != null) {
            return null; // the leader key names a member that did not register: no card to hang replicas under
        }
        return c.members().stream().filter(m -> m.role().isLeaderLike()).map(Member::name).findFirst().orElse(null);
    }

    private static String parentOf(Member m, String leader, String fallback, Set<String> names) {
        if (m.role().isLeaderLike() || m.name().equals(leader)) {
            return null;
        }
        if (m.upstream() == null) {
            return fallback;
        }
        if (m.upstream().equals(m.name()) || !names.contains(m.upstream())) {
            return null; // upstream unknown to us: show it as a root rather than invent a leader edge
        }
        return m.upstream();
    }

    private static void cutLoops(Map<String, String> parents, String leader) {
        for (String start : parents.keySet()) {
            Set<String> seen = new HashSet<>();
            for (String n = start; n != null && !NO_LEADER.equals(n); n = parents.get(n)) {
                if (!seen.add(n)) {
                    parents.put(start, leader);
                    break;
                }
            }
        }
    }
}
