package io.pilothouse.views.topology;

import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.views.Tone;
import io.pilothouse.views.format.DurationFormat;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** How a member is presented: role words and icon, state tone, tag chips, the stale badge. Shared by card and details. */
public final class MemberPresentation {

    private MemberPresentation() {
    }

    /** A chip's words and tone; {@code pendingRestart} marks the pending-restart chip (its own style class). */
    public record Chip(String text, Tone tone, boolean pendingRestart) {
    }

    /** Role in capitals for the role chip: {@code LEADER}, {@code SYNC STANDBY}. */
    public static String roleText(MemberRole role) {
        return role.label().toUpperCase(Locale.ROOT);
    }

    /** Icon that goes with the role (always next to the role's words, never instead of them). */
    public static Ikon roleIcon(MemberRole role) {
        switch (role) {
            case LEADER: return MaterialDesignC.CROWN;
            case STANDBY_LEADER: return MaterialDesignS.SHIELD_CROWN;
            case SYNC_STANDBY:
            case QUORUM_STANDBY: return MaterialDesignD.DATABASE_SYNC;
            case REPLICA: return MaterialDesignD.DATABASE_ARROW_DOWN;
            default: return MaterialDesignD.DATABASE_ALERT;
        }
    }

    /** Tone of a PostgreSQL state: serving is OK, transitions WARN, failures DANGER. */
    public static Tone stateTone(MemberState state) {
        switch (state) {
            case RUNNING:
            case STREAMING:
                return Tone.OK;
            case STOPPED:
            case LOST:
            case CRASHED:
            case START_FAILED:
            case RESTART_FAILED:
                return Tone.DANGER;
            case UNKNOWN:
                return Tone.NEUTRAL;
            default:
                return Tone.WARN;
        }
    }

    /**
     * Chips for Patroni tags ({@code nofailover}, {@code replicatefrom: node2}, …) and pending restart. Tags set to
     * {@code false} are omitted: Patroni treats them as absent. Tags that keep a member from being promoted warn.
     */
    public static List<Chip> chips(Member m) {
        List<Chip> out = new ArrayList<>();
        // Sorted by tag name: Member keeps tags in a Map without a defined order, and chips must not jump around.
        for (Map.Entry<String, String> t : new TreeMap<>(m.tags()).entrySet()) {
            String v = t.getValue() == null ? "" : t.getValue().trim();
            if (v.equalsIgnoreCase("false")) {
                continue;
            }
            String text = v.equalsIgnoreCase("true") || v.isEmpty() ? t.getKey() : t.getKey() + ": " + v;
            out.add(new Chip(text, tagTone(t.getKey(), v), false));
        }
        if (m.pendingRestart()) {
            out.add(new Chip("pending restart", Tone.WARN, true));
        }
        return out;
    }

    /**
     * The stale badge text, or null when the member's data is live:
     * {@code STALE — last seen 12 s ago}, {@code UNREACHABLE — last seen 2 min ago}.
     */
    public static String staleBadge(Member m, Instant now) {
        if (m.state() == MemberState.LOST) {
            return "LOST — " + (m.lastSeen() == null ? "not seen in this session"
                    : "last seen " + DurationFormat.ago(m.lastSeen(), now));
        }
        if (m.freshness() == Freshness.LIVE) {
            return null;
        }
        String word = m.freshness() == Freshness.UNREACHABLE ? "UNREACHABLE" : m.freshness() == Freshness.STALE
                ? "STALE" : "NO DATA";
        String seen = m.lastSeen() == null ? "never seen" : "last seen " + DurationFormat.ago(m.lastSeen(), now);
        return word + " — " + seen;
    }

    private static Tone tagTone(String key, String value) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.equals("nofailover") || (k.equals("failover_priority") && value.equals("0"))) {
            return Tone.WARN;
        }
        return Tone.NEUTRAL;
    }
}
