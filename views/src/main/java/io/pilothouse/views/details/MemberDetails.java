package io.pilothouse.views.details;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.ReplicaPositions;
import io.pilothouse.services.model.ReportedLag;
import io.pilothouse.views.Tone;
import io.pilothouse.views.format.LagFormat;
import io.pilothouse.views.topology.MemberPresentation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a member into labelled rows for the details pane. Pure, so every rule here is unit-testable. */
public final class MemberDetails {

    /** Title of the lag row that carries Patroni's own figure. */
    public static final String PATRONI_LAG = "Patroni (DCS view)";

    /** Title of the row with Patroni 4.1's receive lag and position. */
    public static final String PATRONI_RECEIVE = "Patroni received";

    /** Title of the row with Patroni 4.1's replay lag and position. */
    public static final String PATRONI_REPLAY = "Patroni replayed";

    private MemberDetails() {
    }

    /**
     * One labelled value.
     *
     * @param key   the label
     * @param value the value in words
     * @param tone  colour hint for the value
     */
    public record Row(String key, String value, Tone tone) {
        static Row of(String key, String value) {
            return new Row(key, value, Tone.NEUTRAL);
        }
    }

    /**
     * A titled group of rows.
     *
     * @param title section title
     * @param rows  its rows
     */
    public record Section(String title, List<Row> rows) {
    }

    /** The sections for a member of a cluster at a given time. */
    public static List<Section> sections(Member m, ClusterSnapshot c, Instant now, ZoneId zone) {
        List<Section> out = new ArrayList<>();
        out.add(new Section("Member", List.of(
                Row.of("Role", io.pilothouse.views.format.RoleWords.label(m, c.members().size())),
                new Row("State", m.state().label(), MemberPresentation.stateTone(m.state())),
                Row.of("Endpoint", m.endpoint()),
                Row.of("Patroni API", orUnknown(m.apiUrl())),
                timeline(m, c),
                Row.of("Upstream", upstream(m, c)))));
        if (!m.role().isLeaderLike()) {
            out.add(new Section("Replication", List.of(
                    Row.of("Sync state", LagFormat.syncState(m)),
                    Row.of("Replication state", orUnknown(m.replicationState())))));
            List<Row> lag = new ArrayList<>(List.of(patroniLag(m, c)));
            ReplicaPositions p = m.patroniPositions();
            if (p.reported()) {
                // Patroni 4.1+: received and replayed apart, so a replica that receives but replays slowly shows.
                lag.add(Row.of(PATRONI_RECEIVE, position(p.receiveLag(), p.receiveLsn())));
                lag.add(Row.of(PATRONI_REPLAY, position(p.replayLag(), p.replayLsn())));
            }
            lag.add(Row.of("SQL bytes", LagFormat.sqlBytes(m.sqlLagBytes())));
            lag.add(Row.of("SQL replay delay", LagFormat.sqlSeconds(m.sqlLagSeconds())));
            out.add(new Section("Lag", List.copyOf(lag)));
        }
        out.add(new Section("Software", List.of(
                Row.of("PostgreSQL", orUnknown(m.postgresVersion())),
                Row.of("Patroni", orUnknown(m.patroniVersion())))));
        out.add(new Section("Freshness", List.of(
                new Row("Data", m.freshness().name().toLowerCase(Locale.ROOT), freshnessTone(m.freshness())),
                Row.of("Last seen", m.lastSeen() == null ? "never"
                        : io.pilothouse.views.format.TimeFormat.at(m.lastSeen(), now, zone)),
                m.pendingRestart() ? new Row("Pending restart", "yes", Tone.WARN) : Row.of("Pending restart", "no"))));
        List<io.pilothouse.services.model.ConsistencyProblem> disagreements = c.consistencyOf(m.name());
        if (!disagreements.isEmpty()) {
            // Placed before Freshness, which must stay last (a stale cluster adds its row there).
            out.add(out.size() - 1, new Section("DCS vs node", disagreements.stream()
                    .map(p -> new Row(p.kind().key(), p.message(), p.kind().critical() ? Tone.DANGER : Tone.WARN))
                    .toList()));
        }
        Freshness topology = c.topologyFreshness();
        if (topology != Freshness.LIVE) {
            // A frozen feed must never look green: nothing here is confirmed, whatever the member last said.
            List<Section> muted = new ArrayList<>();
            for (Section s : out) {
                muted.add(new Section(s.title(), s.rows().stream()
                        .map(r -> r.tone() == Tone.OK ? Row.of(r.key(), r.value()) : r).toList()));
            }
            Section last = muted.remove(muted.size() - 1);
            List<Row> rows = new ArrayList<>(last.rows());
            rows.add(0, new Row("Cluster data", topology.name().toLowerCase(Locale.ROOT) + ": last known state",
                    topology == Freshness.UNREACHABLE ? Tone.DANGER : Tone.WARN));
            muted.add(new Section(last.title(), List.copyOf(rows)));
            out = muted;
        }
        return List.copyOf(out);
    }

    private static Row timeline(Member m, ClusterSnapshot c) {
        if (m.timeline() == null) {
            return Row.of("Timeline", LagFormat.UNKNOWN);
        }
        if (c.timeline() != null && !c.timeline().equals(m.timeline())) {
            // A member on another timeline than the leader needs a rewind or reinit before it can follow.
            return new Row("Timeline", m.timeline() + " (leader is on " + c.timeline() + ")", Tone.WARN);
        }
        return Row.of("Timeline", m.timeline().toString());
    }

    private static String upstream(Member m, ClusterSnapshot c) {
        if (m.role().isLeaderLike()) {
            return "none (top of the tree)";
        }
        if (m.upstream() != null) {
            return m.upstream();
        }
        return c.leader() == null ? "the leader (none right now)" : c.leader() + " (leader)";
    }

    private static Row patroniLag(Member m, ClusterSnapshot c) {
        String text = LagFormat.patroni(m.patroniLag());
        Long max = c.maximumLagOnFailover();
        if (m.patroniLag().known() && max != null && m.patroniLag().bytes() > max) {
            return new Row(PATRONI_LAG, text + " (over maximum_lag_on_failover: not a failover candidate)", Tone.WARN);
        }
        return Row.of(PATRONI_LAG, text);
    }


    /** {@code 1.5 MiB behind (at 0/5000060)}. */
    private static String position(ReportedLag lag, String lsn) {
        String text = LagFormat.patroni(lag);
        return lsn == null ? text : text + " (at " + lsn + ")";
    }

    private static Tone freshnessTone(Freshness f) {
        switch (f) {
            case LIVE: return Tone.OK;
            case UNREACHABLE: return Tone.DANGER;
            default: return Tone.WARN;
        }
    }

    private static String orUnknown(String v) {
        return v == null || v.isBlank() ? LagFormat.UNKNOWN : v;
    }
}
