package io.pilothouse.app.cli;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the model as a plain-text table, in the spirit of {@code patronictl list}. */
final class SnapshotTable {

    private static final String[] HEADER = {"Member", "Host", "Role", "State", "TL", "Upstream", "Lag", "Lag s",
        "Tags", "Fresh"};

    private SnapshotTable() {
    }

    static String render(EstateSnapshot estate) {
        StringBuilder out = new StringBuilder();
        for (ClusterSnapshot c : estate.clusters()) {
            out.append("+ Cluster: ").append(c.scope()).append(" (source ").append(c.source()).append(")")
                    .append(" leader=").append(c.leader() == null ? "NONE" : c.leader())
                    .append(" timeline=").append(c.timeline() == null ? "?" : c.timeline())
                    .append(" sync=\"").append(c.sync().rule()).append('"')
                    .append(c.sync().writesBlocked() ? " WRITES BLOCKED" : "")
                    .append(c.paused() ? " PAUSED" : "")
                    .append(c.scheduledSwitchover() == null ? "" : " switchover scheduled at " + c.scheduledSwitchover().at())
                    .append(c.topologyFreshness() == Freshness.LIVE ? "" : " DATA " + c.topologyFreshness())
                    .append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADER);
            for (Member m : c.members()) {
                rows.add(new String[] {m.name(), m.endpoint(), m.role().label(), m.state().label(),
                    m.timeline() == null ? "" : m.timeline().toString(), m.upstream() == null ? "" : m.upstream(),
                    lag(m), m.sqlLagSeconds() == null ? "" : String.format("%.1f", m.sqlLagSeconds()),
                    tags(m.tags()), m.freshness().name().toLowerCase()});
            }
            out.append(table(rows));
            c.sources().forEach((kind, s) -> {
                if (s.freshness() != Freshness.LIVE && s.lastError() != null) {
                    out.append("  ! ").append(kind.name().toLowerCase()).append(": ").append(s.lastError()).append('\n');
                }
            });
        }
        return out.toString();
    }

    private static String lag(Member m) {
        if (m.role().isLeaderLike()) {
            return "";
        }
        if (m.sqlLagBytes() != null) {
            return m.sqlLagBytes().toString();
        }
        return m.patroniLag().toString();
    }

    private static String tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> "true".equals(e.getValue()) ? e.getKey() : e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static String table(List<String[]> rows) {
        int[] width = new int[HEADER.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append("  ");
            for (int i = 0; i < r.length; i++) {
                sb.append(String.format("%-" + width[i] + "s", r[i])).append(i + 1 < r.length ? "  " : "");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
