package io.pilothouse.views.main;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.views.Tone;

/** The one-glance health of a cluster, shown as a dot and words in the workspace tree. */
public enum ClusterHealth {
    /** A leader holds the key and the topology is live. */
    OK,
    /** Live data says no member holds the leader key. */
    NO_LEADER,
    /** The topology is not live (etcd and REST lost): whatever it last said cannot be trusted. */
    STALE;

    /** Health of a snapshot. Stale wins over no-leader: a frozen feed cannot vouch for either. */
    public static ClusterHealth of(ClusterSnapshot c) {
        if (c.topologyFreshness() != Freshness.LIVE) {
            return STALE;
        }
        return c.leader() == null ? NO_LEADER : OK;
    }

    /** Words next to the dot; empty for OK so healthy rows stay quiet. */
    public String label() {
        switch (this) {
            case NO_LEADER: return "no leader";
            case STALE: return "stale";
            default: return "";
        }
    }

    /** Colour of the dot. */
    public Tone tone() {
        switch (this) {
            case NO_LEADER: return Tone.DANGER;
            case STALE: return Tone.WARN;
            default: return Tone.OK;
        }
    }
}
