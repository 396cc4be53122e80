package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What keeps an estate snapshot from being the whole truth, one line each: a source that is not live, a cluster whose
 * DCS does not answer, a member that is lost or whose data is not live. A one-shot reader prints these and fails
 * (exit 1) when there is any, so a half-read picture never passes for a real one. Pure.
 */
public final class SnapshotGaps {

    private SnapshotGaps() {
    }

    /** Every gap in {@code estate}; empty when every configured source and member answered live. */
    public static List<String> of(EstateSnapshot estate) {
        List<String> out = new ArrayList<>();
        for (ClusterSnapshot c : estate.clusters()) {
            String name = c.source().equals(c.scope()) ? c.scope() : c.source() + "/" + c.scope();
            if (c.dcsUnreachable()) {
                out.add(name + ": DCS unreachable (" + orUnknown(c.sourceStatus(SourceKind.ETCD).lastError())
                        + "); topology from each member's Patroni REST and PostgreSQL");
            }
            for (SourceStatus s : c.sources().values()) {
                if (s.kind() != SourceKind.ETCD && s.freshness() != Freshness.LIVE) {
                    out.add(name + ": " + label(s.kind()) + " " + lower(s.freshness().name())
                            + (s.lastError() == null ? "" : " (" + s.lastError() + ")"));
                }
            }
            for (Member m : c.members()) {
                if (m.state() == MemberState.LOST) {
                    out.add(name + "/" + m.name() + ": lost since " + orUnknown(m.lastSeen())
                            + "; no source names it any more and it does not answer");
                } else if (m.freshness() != Freshness.LIVE) {
                    out.add(name + "/" + m.name() + ": " + lower(m.freshness().name())
                            + (m.lastSeen() == null ? ", never read" : ", last read at " + m.lastSeen()));
                }
            }
        }
        return out;
    }

    private static String label(SourceKind kind) {
        switch (kind) {
            case PATRONI_REST: return "Patroni REST";
            case POSTGRES: return "PostgreSQL";
            default: return lower(kind.name());
        }
    }

    private static String orUnknown(Object o) {
        return o == null ? "no answer yet" : o.toString();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
