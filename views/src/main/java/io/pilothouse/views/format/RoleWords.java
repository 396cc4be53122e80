package io.pilothouse.views.format;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;

import java.util.Locale;

/**
 * The one role vocabulary of every window: {@code leader}, {@code standby leader}, {@code sync standby},
 * {@code quorum standby}, {@code replica}, {@code standalone}, {@code unknown} — in capitals on chips. A lone
 * PostgreSQL server that no Patroni manages (a shard node) is {@code standalone}, never a leader: there is nothing
 * it leads and nothing to fail over to. A server in recovery is a {@code replica} everywhere (not a "standby").
 */
public final class RoleWords {

    /** The word for a lone server that no Patroni manages. */
    public static final String STANDALONE = "standalone";

    private RoleWords() {
    }

    /** True for a cluster's only member when it is a primary that no Patroni manages. */
    public static boolean standalone(Member m, int clusterMembers) {
        return clusterMembers == 1 && m.role().isLeaderLike() && m.apiUrl() == null && m.patroniVersion() == null;
    }

    /** {@link #standalone(Member, int)} for a member of {@code c}. */
    public static boolean standalone(ClusterSnapshot c, Member m) {
        return c != null && standalone(m, c.members().size());
    }

    /** {@code leader}, {@code replica}, {@code standalone}, … in lower case. */
    public static String label(Member m, int clusterMembers) {
        return standalone(m, clusterMembers) ? STANDALONE : label(m.role());
    }

    /** The words of a role as such (a member's own words need {@link #label(Member, int)}). */
    public static String label(MemberRole role) {
        return role.label();
    }

    /** The chip's words: {@code LEADER}, {@code SYNC STANDBY}, {@code STANDALONE}. */
    public static String chip(Member m, int clusterMembers) {
        return label(m, clusterMembers).toUpperCase(Locale.ROOT);
    }

    /** The words of a node seen by PostgreSQL alone (no Patroni role): {@code leader}, {@code replica}, {@code primary}. */
    public static String ofServer(boolean isLeader, boolean inRecovery) {
        return isLeader ? label(MemberRole.LEADER) : inRecovery ? label(MemberRole.REPLICA) : "primary";
    }
}
