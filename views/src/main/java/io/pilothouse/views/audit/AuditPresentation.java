package io.pilothouse.views.audit;

import io.pilothouse.services.policy.AuditOutcome;
import io.pilothouse.services.policy.AuditVerification;
import io.pilothouse.views.Tone;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Words and tones of the audit view; pure functions, testable without a toolkit. */
public final class AuditPresentation {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AuditPresentation() {
    }

    /** Local date and time of day, {@code 2026-11-20 11:15:30}. */
    public static String time(Instant t, ZoneId zone) {
        return TIME.format(t.atZone(zone));
    }

    /** The outcome in words: {@code ok}, {@code refused}, {@code failed}. */
    public static String outcome(AuditOutcome o) {
        return o.wireName();
    }

    /** Failed is danger, refused is a warning (nothing changed, but someone tried), ok is ok. */
    public static Tone tone(AuditOutcome o) {
        switch (o) {
            case OK: return Tone.OK;
            case REFUSED: return Tone.WARN;
            default: return Tone.DANGER;
        }
    }

    /** {@code 840 ms} below ten seconds (switchovers are measured in hundreds of ms), else {@code 12.3 s}. */
    public static String duration(long ms) {
        if (ms < 10_000) {
            return ms + " ms";
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** The banner line for a verification: intact with its count, or where and how it broke. */
    public static String banner(AuditVerification v) {
        if (v == null) {
            return "Chain not verified yet";
        }
        if (v.intact()) {
            return "Chain intact, " + v.records() + " record" + (v.records() == 1 ? "" : "s");
        }
        if (v.firstBadLine().isEmpty()) {
            // A missing or emptied log: nothing to point at, and never "intact".
            return "Not verified: " + v.problem() + ".";
        }
        return "Chain broken: " + v.problem() + ". Records from line " + v.firstBadLine().orElse(0)
                + " on cannot be trusted.";
    }

    /** Danger when broken, ok when intact, neutral when unknown. */
    public static Tone bannerTone(AuditVerification v) {
        return v == null ? Tone.NEUTRAL : v.intact() ? Tone.OK : Tone.DANGER;
    }
}
