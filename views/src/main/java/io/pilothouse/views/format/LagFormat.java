package io.pilothouse.views.format;

import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.ReportedLag;

import java.util.Locale;

/**
 * Words for replication state and lag. SQL figures (measured on the leader) win over Patroni's DCS figure,
 * which can be a {@code loop_wait} old; an unknown lag is said to be unknown, never shown as zero.
 */
public final class LagFormat {

    /** Shown wherever a figure is not known. */
    public static final String UNKNOWN = "unknown";

    private LagFormat() {
    }

    /** {@code sync}, {@code async}, {@code quorum}, … from {@code pg_stat_replication}, else from the role. */
    public static String syncState(Member m) {
        if (m.syncState() != null && !m.syncState().isBlank()) {
            return m.syncState().trim().toLowerCase(Locale.ROOT);
        }
        if (m.role() == MemberRole.SYNC_STANDBY) {
            return "sync";
        }
        if (m.role() == MemberRole.QUORUM_STANDBY) {
            return "quorum";
        }
        return m.role() == MemberRole.REPLICA ? "async" : UNKNOWN;
    }

    /** Short lag for an edge label: SQL bytes and seconds, else Patroni's bytes, else {@code lag unknown}. */
    public static String shortLag(Member m) {
        if (m.sqlLagBytes() != null) {
            String bytes = ByteSizeFormat.format(m.sqlLagBytes());
            return m.sqlLagSeconds() == null ? bytes : bytes + " · " + DurationFormat.seconds(m.sqlLagSeconds());
        }
        if (m.patroniLag().known()) {
            return ByteSizeFormat.format(m.patroniLag().bytes()) + " (Patroni)";
        }
        return "lag " + UNKNOWN;
    }

    /** The label on the edge into a replica: {@code sync · 0 B · 0.0 s}. */
    public static String edgeLabel(Member m) {
        return syncState(m) + " · " + shortLag(m);
    }

    /** Patroni's figure: bytes, {@code unknown} when Patroni said so, {@code not reported} when absent. */
    public static String patroni(ReportedLag lag) {
        if (lag.known()) {
            return ByteSizeFormat.format(lag.bytes());
        }
        return lag.unknown() ? UNKNOWN : "not reported";
    }

    /** SQL byte lag or {@code unknown}. */
    public static String sqlBytes(Long bytes) {
        return bytes == null ? UNKNOWN : ByteSizeFormat.format(bytes);
    }

    /** SQL replay delay or {@code unknown}. */
    public static String sqlSeconds(Double seconds) {
        return seconds == null ? UNKNOWN : DurationFormat.seconds(seconds);
    }
}
