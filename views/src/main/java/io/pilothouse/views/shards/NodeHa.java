package io.pilothouse.views.shards;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.NodeReach;
import io.pilothouse.views.Tone;
import io.pilothouse.views.format.LagFormat;

import java.util.Locale;

/**
 * What the live model says about a shard node: its member's role, state and lag, and its cluster's paused or
 * leaderless state, in words and a tone. A node the map could not read says so first, with the error.
 *
 * @param text what the badge says
 * @param tone how alarming it is
 */
public record NodeHa(String text, Tone tone) {

    /** The badge of a node, matching its {@code host:port} to a member of the estate (null estate: not known yet). */
    public static NodeHa of(MapNode node, EstateSnapshot estate) {
        if (node.reach() == NodeReach.UNREACHABLE) {
            return new NodeHa("unreachable: " + orUnknown(node.error()), Tone.DANGER);
        }
        if (node.reach() == NodeReach.NOT_IN_WORKSPACE) {
            return new NodeHa("not in the workspace: " + orUnknown(node.error()), Tone.DANGER);
        }
        if (estate == null) {
            return new NodeHa("HA state not read yet", Tone.NEUTRAL);
        }
        for (ClusterSnapshot c : estate.clusters()) {
            for (Member m : c.members()) {
                if (m.port() == node.port() && sameHost(m.host(), node.host())) {
                    return of(c, m);
                }
            }
        }
        return new NodeHa("HA state unknown: no cluster member at " + node.endpoint(), Tone.NEUTRAL);
    }

    private static NodeHa of(ClusterSnapshot c, Member m) {
        // A lone server no Patroni manages (no REST URL, no Patroni version): no HA, so not called a leader.
        boolean standalone = io.pilothouse.views.format.RoleWords.standalone(c, m);
        StringBuilder s = new StringBuilder(io.pilothouse.views.format.RoleWords.label(m, c.members().size()));
        s.append(" · ").append(m.state().label());
        Tone tone = m.state().isHealthy() ? Tone.OK : Tone.DANGER;
        if (!m.role().isLeaderLike() && !standalone) {
            s.append(" · ").append(LagFormat.shortLag(m));
        }
        s.append(" (").append(c.scope()).append(')');
        if (c.leader() == null) {
            s.append(" · no leader");
            tone = Tone.DANGER;
        }
        if (c.paused()) {
            s.append(" · paused");
            if (tone == Tone.OK) {
                tone = Tone.WARN;
            }
        }
        return new NodeHa(s.toString(), tone);
    }

    private static boolean sameHost(String a, String b) {
        return a != null && b != null && loopback(a).equals(loopback(b));
    }

    private static String loopback(String h) {
        String l = h.toLowerCase(Locale.ROOT);
        return l.equals("localhost") || l.equals("::1") ? "127.0.0.1" : l;
    }

    private static String orUnknown(String error) {
        return error == null || error.isBlank() ? "no reason given" : error;
    }
}
