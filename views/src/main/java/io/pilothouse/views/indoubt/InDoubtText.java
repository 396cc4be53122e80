package io.pilothouse.views.indoubt;

import io.pilothouse.services.indoubt.Advice;
import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.model.PreparedBranch;

import java.util.Locale;

/** How the console writes advice, ages and counts. */
final class InDoubtText {

    private InDoubtText() {
    }

    /** COMMIT/ROLLBACK/DECIDE written out. */
    static String advice(Advice.Action action) {
        return switch (action) {
            case COMMIT -> "Commit";
            case ROLLBACK -> "Roll back";
            case DECIDE -> "Decide";
        };
    }

    static String age(long seconds) {
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return (seconds / 60) + " min";
        }
        if (seconds < 172800) {
            return (seconds / 3600) + " h " + (seconds % 3600) / 60 + " min";
        }
        return (seconds / 86400) + " d " + (seconds % 86400) / 3600 + " h";
    }

    static String plural(long n, String one) {
        if (n == 1) {
            return n + " " + one;
        }
        if (one.endsWith("y")) {
            return n + " " + one.substring(0, one.length() - 1) + "ies";
        }
        return n + " " + one + (one.endsWith("s") || one.endsWith("ch") ? "es" : "s");
    }

    static String xidAge(PreparedBranch b) {
        if (b.freezeMaxAge() <= 0) {
            return Long.toString(b.xidAge());
        }
        return String.format(Locale.ROOT, "%,d (%.1f%% of freeze max age)", b.xidAge(),
                100.0 * b.xidAge() / b.freezeMaxAge());
    }

    /** The xid age and its share of the freeze max age, short (a table cell). */
    static String xidAgeShort(PreparedBranch b) {
        if (b.freezeMaxAge() <= 0) {
            return String.format(Locale.ROOT, "%,d", b.xidAge());
        }
        return String.format(Locale.ROOT, "%,d (%.1f%%)", b.xidAge(), 100.0 * b.xidAge() / b.freezeMaxAge());
    }

    /** Oldest branch age of a global transaction. */
    static long oldestAge(AdvisedTransaction t, java.time.Instant now) {
        return t.transaction().branches().values().stream().mapToLong(b -> b.ageSeconds(now)).max().orElse(0);
    }
}
