package io.pilothouse.views.slots;

import io.pilothouse.services.model.ArchiverStatus;
import io.pilothouse.services.model.ReplicationSlot;
import io.pilothouse.services.model.SlotFlag;
import io.pilothouse.views.Tone;
import io.pilothouse.views.format.ByteSizeFormat;
import io.pilothouse.views.format.TimeFormat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Words and tones for slots and the archiver; pure functions, so they are tested without a toolkit. */
public final class SlotPresentation {


    /** Shown where a value does not apply or is not known. */
    public static final String NONE = "—";

    private SlotPresentation() {
    }

    /** Danger when WAL is lost or about to be; warn for an inactive slot hoarding WAL; neutral otherwise. */
    public static Tone tone(ReplicationSlot s) {
        if (s.flags().contains(SlotFlag.WAL_LOST) || s.flags().contains(SlotFlag.WAL_UNRESERVED)) {
            return Tone.DANGER;
        }
        return s.flags().contains(SlotFlag.INACTIVE_RETAINING_WAL) ? Tone.WARN : Tone.NEUTRAL;
    }

    /** The problem in words, so colour is never the only signal; empty when healthy. */
    public static String attention(ReplicationSlot s) {
        List<String> parts = new ArrayList<>();
        if (s.flags().contains(SlotFlag.WAL_LOST)) {
            parts.add("WAL lost: consumer cannot resume");
        }
        if (s.flags().contains(SlotFlag.WAL_UNRESERVED)) {
            parts.add("WAL at risk");
        }
        if (s.flags().contains(SlotFlag.INACTIVE_RETAINING_WAL)) {
            parts.add("inactive, holding WAL");
        }
        return String.join("; ", parts);
    }

    public static String active(ReplicationSlot s) {
        return s.active() ? (s.activePid() == null ? "yes" : "yes (pid " + s.activePid() + ")") : "no";
    }

    /** Unlimited when {@code max_slot_wal_keep_size = -1} (PostgreSQL then reports null). */
    public static String safeWalSize(ReplicationSlot s) {
        return s.safeWalSize() == null ? "unlimited" : ByteSizeFormat.format(s.safeWalSize());
    }

    public static String retained(ReplicationSlot s) {
        return s.retainedBytes() == null ? NONE : ByteSizeFormat.format(s.retainedBytes());
    }

    /**
     * {@code 14:02:11 (2 h 5 min ago)}, or {@code 2026-11-18 14:02:11 (3 d ago)} on another day ({@link TimeFormat}).
     * "At least" is implied: the time is when Pilothouse first saw the slot inactive.
     */
    public static String inactiveSince(ReplicationSlot s, Instant now, ZoneId zone) {
        Instant since = s.inactiveSince();
        if (since == null) {
            return NONE;
        }
        return TimeFormat.at(since, now, zone);
    }

    public static String orNone(String s) {
        return s == null || s.isBlank() ? NONE : s;
    }

    /** One line about the leader's archiver. */
    public static String archiver(ArchiverStatus a, Instant now, ZoneId zone) {
        if (a == null) {
            return "WAL archiving: not read";
        }
        if (!a.enabled()) {
            return "WAL archiving off (archive_mode = " + a.archiveMode() + ")";
        }
        StringBuilder b = new StringBuilder("WAL archiving ").append(a.archiveMode()).append(" · ")
                .append(a.archivedCount()).append(" archived");
        if (a.lastArchivedWal() != null) {
            b.append(", last ").append(a.lastArchivedWal());
            if (a.lastArchivedTime() != null) {
                b.append(" at ").append(TimeFormat.at(a.lastArchivedTime(), now, zone));
            }
        }
        b.append(" · ").append(a.failedCount()).append(" failed");
        if (a.lastFailedWal() != null) {
            b.append(", last ").append(a.lastFailedWal());
            if (a.lastFailedTime() != null) {
                b.append(" at ").append(TimeFormat.at(a.lastFailedTime(), now, zone));
            }
        }
        if (a.failing()) {
            b.append(" · FAILING: the last attempt failed; check archive_command and the archive's space");
        }
        return b.toString();
    }

    public static Tone archiverTone(ArchiverStatus a) {
        if (a == null || !a.enabled()) {
            return Tone.NEUTRAL;
        }
        return a.failing() ? Tone.DANGER : a.failedCount() > 0 ? Tone.NEUTRAL : Tone.OK;
    }
}
