package io.pilothouse.app.cli;

import io.pilothouse.services.activity.ActivityReading;
import io.pilothouse.services.activity.ActivitySession;
import io.pilothouse.services.activity.AdvisoryLock;
import io.pilothouse.services.activity.BlockingTree;
import io.pilothouse.services.activity.NodeActivity;
import io.pilothouse.services.activity.SessionState;
import io.pilothouse.services.activity.WaitCount;

import java.util.List;
import java.util.Locale;

/** {@code pilothouse activity} as text: one block per node. */
final class ActivityText {

    private ActivityText() {
    }

    static String render(List<NodeActivity> nodes) {
        StringBuilder b = new StringBuilder();
        for (NodeActivity n : nodes) {
            b.append("== ").append(n.node().label()).append(" (").append(n.node().host()).append(':')
                    .append(n.node().port()).append(")\n");
            if (!n.readable()) {
                b.append("   NOT READ: ").append(n.error()).append("\n\n");
                continue;
            }
            ActivityReading r = n.reading();
            b.append("   ").append(r.inRecovery() ? "standby" : "primary").append(" · connections ")
                    .append(r.connections()).append(" of ").append(r.maxConnections()).append(" (")
                    .append(r.reservedConnections()).append(" reserved) · ")
                    .append(n.transactionsPerSecond().map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse("?"))
                    .append(" tx/s · WAL ").append(n.walBytesPerSecond().map(ActivityText::bytes).orElse("?"))
                    .append("/s").append(r.inRecovery() ? " replayed" : "").append('\n');
            b.append("   sessions:");
            r.byState().forEach((s, c) -> {
                if (s != SessionState.OTHER && c > 0) {
                    b.append(' ').append(s.wireName()).append(' ').append(c).append(',');
                }
            });
            b.setLength(b.length() - (b.charAt(b.length() - 1) == ',' ? 1 : 0));
            b.append('\n');
            List<WaitCount> waits = r.topWaits(5);
            if (!waits.isEmpty()) {
                b.append("   waits: ").append(String.join(", ", waits.stream()
                        .map(w -> w.text() + " ×" + w.count()).toList())).append('\n');
            }
            List<BlockingTree.Node> tree = r.blockingTree();
            if (!tree.isEmpty()) {
                b.append("   blocking:\n");
                tree.forEach(t -> tree(b, t, "     ", ""));
            }
            for (ActivitySession s : r.longTransactions(ActivityReading.LONG_TRANSACTION_SECONDS)) {
                b.append("   long transaction: pid ").append(s.pid()).append(' ').append(age(s.transactionSeconds()))
                        .append(" (").append(s.state().wireName()).append(") ").append(s.queryLine(60)).append('\n');
            }
            for (ActivitySession s : r.idleInTransaction()) {
                b.append("   idle in transaction: pid ").append(s.pid()).append(" for ").append(age(s.stateSeconds()))
                        .append(", transaction ").append(age(s.transactionSeconds())).append(" old\n");
            }
            for (AdvisoryLock l : r.advisoryLocks()) {
                b.append("   advisory ").append(l.key()).append(" (").append(l.database()).append(") ")
                        .append(l.granted() ? "held by " : "waited for by ")
                        .append(l.pid() == null ? "a prepared transaction" : "pid " + l.pid())
                        .append(l.exclusive() ? "" : " (shared)")
                        .append(l.waitingSeconds() == null ? "" : " for " + age(l.waitingSeconds())).append('\n');
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static void tree(StringBuilder b, BlockingTree.Node n, String indent, String mark) {
        b.append(indent).append(mark).append(n.label());
        if (n.session() != null && n.session().blocked()) {
            b.append(" waits ").append(age(n.session().stateSeconds())).append(": ").append(n.session().queryLine(50));
        }
        b.append('\n');
        n.children().forEach(c -> tree(b, c, indent + (mark.isEmpty() ? "" : "  "), "└ "));
    }

    static String age(Double seconds) {
        if (seconds == null) {
            return "—";
        }
        long s = Math.round(seconds);
        return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60)
                + " min";
    }

    static String bytes(double v) {
        if (v < 1024) {
            return String.format(Locale.ROOT, "%.0f B", v);
        }
        return v < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f kB", v / 1024)
                : String.format(Locale.ROOT, "%.1f MB", v / 1024 / 1024);
    }
}
