package io.pilothouse.app.cli;

import io.pilothouse.services.policy.AuditEntry;
import io.pilothouse.services.policy.AuditRecord;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Renders audit entries as a plain-text table, times in the local zone. */
final class AuditTable {

    private static final String[] HEADER = {"Seq", "Time", "User", "Cluster", "Action", "Target", "Outcome",
        "Duration", "Message"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AuditTable() {
    }

    static String render(List<AuditEntry> entries, ZoneId zone) {
        if (entries.isEmpty()) {
            return "no audited changes\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (AuditEntry e : entries) {
            AuditRecord r = e.record();
            rows.add(new String[] {String.valueOf(e.seq()), TIME.format(r.time().atZone(zone)), nz(r.user()),
                nz(r.cluster()), nz(r.action()), nz(r.target()), r.outcome().wireName(), r.durationMs() + " ms",
                nz(r.message())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s.replace('\n', ' ');
    }
}
