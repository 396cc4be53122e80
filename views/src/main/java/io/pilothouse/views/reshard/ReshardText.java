package io.pilothouse.views.reshard;

import io.pilothouse.services.reshard.CutoverFigures;
import io.pilothouse.services.reshard.MovePlan;
import io.pilothouse.services.reshard.MoveProgress;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.MoveState;
import io.pilothouse.services.reshard.SplitSpec;
import io.pilothouse.services.reshard.Verification;
import io.pilothouse.views.format.ByteSizeFormat;

import java.time.Duration;
import java.util.Locale;

/** The wizard's sentences about plans, progress and results. */
final class ReshardText {

    private ReshardText() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code move} or {@code split}. */
    static String noun(MovePlan p) {
        return p.split() != null ? "split" : "move";
    }

    /**
     * The confirm button: {@code Move demo.orders_p3 to shard1}, or
     * {@code Split demo.orders_p3, demo.orders_p11 to shard1}.
     */
    static String moveAction(MovePlan p) {
        if (p.split() != null) {
            return "Split " + p.partition() + ", " + p.split().newPartition() + " to " + p.targetServer();
        }
        return "Move " + p.partition() + " to " + p.targetServer();
    }

    /** A split's two halves: {@code 3 mod 16 stays on shard2, demo.orders_p11 (11 mod 16) goes to shard1}. */
    static String halves(MovePlan p) {
        SplitSpec s = p.split();
        return s.remainder() + " mod " + s.newModulus() + " stays on " + p.source().label() + ", "
                + s.newPartition() + " (" + s.movedRemainder() + " mod " + s.newModulus() + ") goes to "
                + p.target().label();
    }

    /** Size of the plan: {@code ~20,000 rows, 1.2 MiB on shard2}. */
    static String size(MovePlan p) {
        return "~" + count(Math.max(0, p.sourceRows())) + " rows, " + ByteSizeFormat.format(Math.max(0, p.sourceBytes()))
                + " on " + p.source().label();
    }

    /** What the typed confirmation says will happen. */
    static String impact(MovePlan p) {
        if (p.split() != null) {
            SplitSpec s = p.split();
            return "The rows of " + p.partition() + " (" + size(p) + ") whose key hashes to " + s.movedRemainder()
                    + " mod " + s.newModulus() + " are copied to " + p.target().describe() + " and kept up to date by "
                    + "logical replication. At the cutover, writes to " + p.parent() + " are blocked briefly while "
                    + "the moved half is compared (count and checksum), deleted from " + p.source().label()
                    + " and attached as " + s.newPartition() + " on " + p.targetServer() + "; " + p.partition()
                    + " keeps " + s.remainder() + " mod " + s.newModulus() + ". A split keeps no copy of the rows "
                    + "that left.";
        }
        return p.partition() + " (" + size(p) + ") is copied to " + p.target().describe() + " and kept up to date "
                + "by logical replication. At the cutover, writes to " + p.parent() + " are blocked briefly on the "
                + "coordinator" + (p.sourceForeign() ? " and to the source table on " + p.source().label() : "")
                + " while the coordinator's partition is switched to " + p.targetServer() + " in one transaction. "
                + "The source table is kept as " + p.sourceTable().withName(p.keptName()) + " until you drop it.";
    }

    /** {@code 12,000 of 20,000 rows · 700 KiB of 1.2 MiB · lag 0 B · about 4 s left}. */
    static String figures(MoveProgress p) {
        StringBuilder s = new StringBuilder();
        if (p.rowsCopied() >= 0) {
            s.append(count(p.rowsCopied())).append(p.rowsTotal() > 0 ? " of ~" + count(p.rowsTotal()) : "")
                    .append(" rows");
        }
        if (p.bytesCopied() >= 0) {
            sep(s).append(ByteSizeFormat.format(p.bytesCopied()))
                    .append(p.bytesTotal() > 0 ? " of " + ByteSizeFormat.format(p.bytesTotal()) : "").append(" copied");
        }
        if (p.lagBytes() >= 0) {
            sep(s).append("catch-up lag ").append(ByteSizeFormat.format(p.lagBytes()));
        }
        if (p.eta() != null) {
            sep(s).append("about ").append(eta(p.eta())).append(" left");
        }
        return s.toString();
    }

    private static StringBuilder sep(StringBuilder s) {
        return s.isEmpty() ? s : s.append("  \u00b7  ");
    }

    static String eta(Duration d) {
        long secs = Math.max(0, d.toSeconds());
        return secs < 90 ? secs + " s" : secs < 5400 ? (secs + 30) / 60 + " min" : secs / 3600 + " h " + (secs % 3600) / 60 + " min";
    }

    /** The result's headline. */
    static String headline(MoveRecord r, String error) {
        MovePlan p = r.plan();
        String where = p.partition() + " from " + p.source().label() + " to " + p.target().label();
        if (p.split() != null) {
            return splitHeadline(r, error);
        }
        if (error != null) {
            return "STOPPED at " + r.state() + ": " + where;
        }
        return switch (r.state()) {
            case DONE, CUT_OVER -> r.state() + ": " + p.partition() + " now lives on " + p.target().describe();
            case SOURCE_DROPPED -> "SOURCE DROPPED: " + p.partition() + " lives on " + p.target().describe()
                    + "; the old table is gone";
            case ROLLED_BACK -> "ROLLED BACK: " + p.partition() + " stays on " + p.source().describe()
                    + "; nothing left on " + p.target().label();
            default -> r.state() + ": " + where;
        };
    }

    private static String splitHeadline(MoveRecord r, String error) {
        MovePlan p = r.plan();
        if (error != null) {
            return "STOPPED at " + r.state() + ": split of " + p.partition() + ", " + p.split().newPartition() + " to "
                    + p.target().label();
        }
        return switch (r.state()) {
            case DONE, CUT_OVER -> r.state() + ": " + p.partition() + " split — " + halves(p);
            case ROLLED_BACK -> "ROLLED BACK: " + p.partition() + " stays whole on " + p.source().describe()
                    + "; nothing left on " + p.target().label();
            default -> r.state() + ": split of " + p.partition() + ", " + p.split().newPartition() + " to "
                    + p.target().label();
        };
    }

    /** The cutover's write block, or null before the cutover. */
    static String cutover(CutoverFigures c) {
        if (c == null) {
            return null;
        }
        return "Writes blocked for " + count(c.blockedMillis()) + " ms (lock wait " + count(c.lockWaitMillis())
                + " ms, catch-up " + count(c.catchUpMillis()) + " ms, " + c.attempts() + " attempt"
                + (c.attempts() == 1 ? "" : "s") + ")";
    }

    /** {@code MATCHED — source 20,000 rows (checksum …), target 20,000 rows (checksum …)}. */
    static String verification(Verification v, boolean split) {
        if (v == null) {
            return null;
        }
        return (v.matched() ? "\u2713 MATCHED" : "\u2717 MISMATCH") + " \u2014 " + (split ? "moved half: " : "")
                + "source " + count(v.sourceRows())
                + " rows, checksum " + v.sourceChecksum() + "; target " + count(v.targetRows()) + " rows, checksum "
                + v.targetChecksum() + (v.note() == null ? "" : " (" + v.note() + ")");
    }

    /** Where the source is, once the move cut over. */
    static String source(MoveRecord r) {
        MovePlan p = r.plan();
        if (p.split() != null) {
            return r.state().pastCutover() ? "The moved rows were deleted from " + p.sourceTable() + " on "
                    + p.source().label() + " as the coordinator switched: a split keeps no copy of them."
                    : p.partition() + " is still read whole from " + p.source().describe() + ".";
        }
        if (r.state() == MoveState.SOURCE_DROPPED) {
            return "The kept source " + p.sourceTable().withName(p.keptName()) + " on " + p.source().label()
                    + " was dropped.";
        }
        if (r.state().pastCutover()) {
            return "The source is kept as " + p.sourceTable().withName(p.keptName()) + " on " + p.source().describe()
                    + " until you drop it.";
        }
        return p.partition() + " is still read from " + p.source().describe() + ".";
    }

    /** A line of the unfinished-moves page. */
    static String unfinished(MoveRecord r) {
        MovePlan p = r.plan();
        String what = p.split() != null ? "Split of " + p.partition() + ", " + p.split().newPartition() + " to "
                + p.target().label() : "Move of " + p.partition() + " to " + p.target().label();
        return what + " (" + r.id()
                + ") stopped at " + r.state() + (r.lastError() == null ? "" : ": " + r.lastError());
    }
}
