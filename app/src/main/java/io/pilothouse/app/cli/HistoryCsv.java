package io.pilothouse.app.cli;

import io.pilothouse.services.history.store.StoredEvent;
import io.pilothouse.services.history.store.StoredLag;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** {@code history --csv}: one header, then events and lag samples, each a line, fields quoted when needed. */
final class HistoryCsv {

    private HistoryCsv() {
    }

    static void write(PrintWriter out, List<StoredEvent> events, List<StoredLag> lag) {
        out.println("record,time,source,scope,member,kind,from,to," + String.join(",", HistoryCommand.metricNames()));
        String emptyMetrics = ",".repeat(HistoryCommand.metricNames().length);
        for (StoredEvent e : events) {
            out.println("event," + e.at() + "," + q(e.source()) + "," + q(e.scope()) + "," + q(e.member()) + ","
                    + q(e.kind()) + "," + q(e.from()) + "," + q(e.to()) + emptyMetrics);
        }
        for (StoredLag l : lag) {
            StringBuilder line = new StringBuilder("lag,").append(Instant.ofEpochSecond(l.epochSecond())).append(',');
            int slash = l.cluster().indexOf(" / ");
            line.append(q(slash < 0 ? "" : l.cluster().substring(0, slash))).append(',')
                    .append(q(slash < 0 ? l.cluster() : l.cluster().substring(slash + 3))).append(',')
                    .append(q(l.member())).append(",,,");
            for (double v : l.values()) {
                line.append(',');
                if (!Double.isNaN(v)) {
                    line.append(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
                }
            }
            out.println(line);
        }
    }

    /** A CSV field: quoted when it holds a comma, quote or line break. */
    static String q(String s) {
        if (s == null) {
            return "";
        }
        return s.matches(".*[\",\\r\\n].*") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
