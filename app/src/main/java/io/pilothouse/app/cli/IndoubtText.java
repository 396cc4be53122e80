package io.pilothouse.app.cli;

import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.GidText;
import io.pilothouse.services.indoubt.GlobalTransaction;
import io.pilothouse.services.indoubt.InDoubtScan;
import io.pilothouse.services.model.PreparedBranch;

import java.util.List;
import java.util.Map;

/** The in-doubt list as text: one block per global transaction, its branches, the advice and its evidence. */
final class IndoubtText {

    private IndoubtText() {
    }

    static String render(InDoubtScan scan, List<AdvisedTransaction> txs) {
        StringBuilder out = new StringBuilder();
        long nodes = scan.branches().stream().map(PreparedBranch::node).distinct().count();
        out.append("In-doubt transactions: ").append(txs.size()).append(" global, ").append(scan.branches().size())
                .append(" branch(es) on ").append(nodes).append(" of ").append(scan.nodes().size())
                .append(" primaries read\n");
        for (AdvisedTransaction a : txs) {
            GlobalTransaction tx = a.transaction();
            out.append('\n').append(tx.unmatched() ? "(no pattern) " : "").append(GidText.printable(tx.globalId()))
                    .append("  [").append(tx.pattern()).append("]  advice: ").append(a.advice().action())
                    .append(" - ").append(a.advice().summary()).append('\n');
            for (Map.Entry<String, PreparedBranch> e : tx.branches().entrySet()) {
                PreparedBranch b = e.getValue();
                out.append("    ").append(b.node().label()).append("  gid ").append(GidText.quoted(b.gid()))
                        .append("  db ").append(b.database()).append("  owner ").append(b.owner())
                        .append("  age ").append(b.ageSeconds(scan.at())).append(" s  xid age ").append(b.xidAge())
                        .append(b.locks().isEmpty() ? "" : "  locks " + b.locks().size())
                        .append(b.blocked().isEmpty() ? "" : "  BLOCKS " + b.blocked().size())
                        .append(b.oldestXmin() ? "  oldest xmin" : "").append('\n');
            }
            if (!tx.missing().isEmpty()) {
                out.append("    no branch on: ").append(String.join(", ", tx.missing())).append('\n');
            }
            a.advice().evidence().forEach(ev -> out.append("    - ").append(ev).append('\n'));
            tx.notes().forEach(n -> out.append("    note: ").append(n).append('\n'));
        }
        return out.toString();
    }
}
