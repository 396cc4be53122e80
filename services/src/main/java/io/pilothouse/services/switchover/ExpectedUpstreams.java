package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each replica is expected to stream from once the leader changed. Patroni's rule: a member tagged
 * {@code replicatefrom: X} streams from X while X is a member that runs, whoever leads; only when X is gone does it
 * follow the leader. A plain cascade (a replica that streamed from another replica before, without the tag) is
 * expected to keep its upstream on the same terms. Everyone else follows the new leader. Pure.
 */
public final class ExpectedUpstreams {

    /** The tag naming the member to stream from. */
    public static final String REPLICATEFROM = "replicatefrom";

    private ExpectedUpstreams() {
    }

    /**
     * One replica's expected upstream.
     *
     * @param member        the replica
     * @param upstream      the member it should stream from
     * @param cascade       true when that is not the leader (or may not be): a cascade
     * @param leaderAccepted true when streaming from the leader is right as well (the configured upstream is a member
     *                      but not running, so Patroni may have moved it to the leader)
     * @param reason        why, in words ({@code replicatefrom node2, which is up})
     */
    public record Expectation(String member, String upstream, boolean cascade, boolean leaderAccepted,
                              String reason) {

        /** True when {@code actual} is where this replica should stream from. */
        public boolean met(String actual, String leader) {
            return java.util.Objects.equals(upstream, actual) || leaderAccepted && leader != null && leader.equals(actual);
        }
    }

    /**
     * The expectation of every member of {@code after} except its leader.
     *
     * @param before the cluster before the operation (for plain cascades: who streamed from whom)
     * @param after  the cluster now
     */
    public static Map<String, Expectation> of(ClusterSnapshot before, ClusterSnapshot after) {
        Map<String, Expectation> out = new LinkedHashMap<>();
        String leader = after.leader();
        for (Member m : after.members()) {
            if (m.name().equals(leader)) {
                continue;
            }
            out.put(m.name(), of(m, before, after));
        }
        return out;
    }

    private static Expectation of(Member m, ClusterSnapshot before, ClusterSnapshot after) {
        String leader = after.leader();
        String tagged = m.tags().get(REPLICATEFROM);
        String configured;
        String how;
        if (tagged != null && !tagged.isBlank() && !tagged.equals(m.name())) {
            configured = tagged.trim();
            how = "replicatefrom " + configured;
        } else {
            configured = plainCascadeUpstream(m, before);
            how = "cascades from " + configured;
        }
        String leaderWord = leader == null ? "the leader" : "the leader " + leader;
        if (configured == null) {
            return new Expectation(m.name(), leader, false, false, "follows " + leaderWord);
        }
        if (configured.equals(leader)) {
            return new Expectation(m.name(), leader, false, false, how + ", which is now " + leaderWord);
        }
        Optional<Member> upstream = after.member(configured);
        if (upstream.isEmpty()) {
            return new Expectation(m.name(), leader, false, false, how + ", which is gone: follows " + leaderWord);
        }
        if (upstream.get().state().isHealthy()) {
            return new Expectation(m.name(), configured, true, false, how + ", which is up");
        }
        return new Expectation(m.name(), configured, true, true, how + ", which is " + upstream.get().state().label()
                + ": from it or from " + leaderWord);
    }

    /** The replica another replica streamed from before the operation (not the leader), or null. */
    private static String plainCascadeUpstream(Member m, ClusterSnapshot before) {
        Optional<Member> was = before.member(m.name());
        if (was.isEmpty() || was.get().upstream() == null) {
            return null;
        }
        String up = was.get().upstream();
        return up.equals(before.leader()) || up.equals(m.name()) || before.member(up).isEmpty() ? null : up;
    }
}
