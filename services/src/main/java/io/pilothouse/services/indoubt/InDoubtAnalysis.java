package io.pilothouse.services.indoubt;

import io.pilothouse.services.workspace.IndoubtConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * From one scan to what the console and the command line show: branches grouped into global transactions (the
 * workspace's patterns first, then Citus, pgjdbc XA and the guides' {@code <global>_<node>}), each with an advice
 * from the decision record when one is configured. Only advises; resolving is the operator's act.
 */
public final class InDoubtAnalysis {

    private InDoubtAnalysis() {
    }

    /**
     * @param decisions the workspace's decision lookup, or null when none is configured
     */
    public static List<AdvisedTransaction> analyse(InDoubtScan scan, IndoubtConfig config, DecisionLookup decisions) {
        IndoubtConfig c = config == null ? IndoubtConfig.DEFAULTS : config;
        List<GlobalTransaction> groups = GlobalTransactionGrouping.group(scan.branches(), GidPatterns.from(c),
                GidPatterns.knownNodeNames(scan.nodes()));
        Duration minAge = Duration.ofSeconds(c.minAgeSecondsOrDefault());
        List<AdvisedTransaction> out = new ArrayList<>();
        for (GlobalTransaction tx : groups) {
            DecisionRecord decision = decisions == null || tx.unmatched() ? null : decisions.lookup(tx.globalId());
            out.add(new AdvisedTransaction(tx, Advisor.advise(tx, decision, false, scan.at(), minAge)));
        }
        return out;
    }
}
