package io.pilothouse.views.alerts;

import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertSeverity;
import io.pilothouse.views.Tone;
import io.pilothouse.views.format.DurationFormat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Words and tones for alerts; no JavaFX nodes, so it is tested without a toolkit. */
public final class AlertPresentation {

    private AlertPresentation() {
    }

    /** Tone of a severity: danger for critical, warn for warning. */
    public static Tone tone(AlertSeverity s) {
        return s == AlertSeverity.CRITICAL ? Tone.DANGER : Tone.WARN;
    }

    /** Chip text: the severity in words, so colour is never the only signal. */
    public static String severity(AlertSeverity s) {
        return s == AlertSeverity.CRITICAL ? "Critical" : "Warning";
    }

    /** "10 min · 14:21:30": for how long (what a DBA scans for), then when it started. */
    public static String since(Alert a, Instant now, ZoneId zone) {
        return DurationFormat.age(a.since(), now) + " · " + DurationFormat.clock(a.since(), zone);
    }

    /** A silence's length: {@code 15 min}, {@code 4 h}. */
    public static String duration(java.time.Duration d) {
        return DurationFormat.age(d);
    }

    /**
     * Where an alert of the history stands, in words with its times: "Active", "Acknowledged by dba at 14:05:10",
     * "Silenced until 14:15:00 (9 min left)", "Active · silence ended 14:15:00", "Cleared 14:20:00 after 5 min".
     */
    public static String state(io.pilothouse.services.alerts.AlertRecord r, Instant now, ZoneId zone) {
        String expired = r.open() && r.silencedUntil() != null && !r.silencedAt(now)
                ? " \u00b7 silence ended " + DurationFormat.clock(r.silencedUntil(), zone) : "";
        return switch (r.state(now)) {
            case CLEARED -> "Cleared " + DurationFormat.clock(r.clearedAt(), zone) + " after "
                    + DurationFormat.age(r.raisedAt(), r.clearedAt());
            case SILENCED -> "Silenced until " + DurationFormat.clock(r.silencedUntil(), zone) + " ("
                    + DurationFormat.age(now, r.silencedUntil()) + " left)";
            case ACKNOWLEDGED -> "Acknowledged" + (r.acknowledgedBy() == null || r.acknowledgedBy().isBlank() ? ""
                    : " by " + r.acknowledgedBy()) + " at " + DurationFormat.clock(r.acknowledgedAt(), zone) + expired;
            case ACTIVE -> "Active" + expired;
        };
    }

    /** The member, or "whole cluster" for a cluster-wide alert. */
    public static String member(Alert a) {
        return a.member() == null ? "whole cluster" : a.member();
    }

    /** Worst severity of a list, if any. */
    public static Optional<AlertSeverity> worst(List<Alert> alerts) {
        return alerts.stream().map(Alert::severity).max(Enum::compareTo);
    }

    /**
     * Badge text for a cluster row, short enough for the tree: "2 critical", "1 warning", "1 critical +2" when
     * severities are mixed (the worst is named, the rest counted). Empty without alerts.
     */
    public static String badge(int total, int critical) {
        if (total <= 0) {
            return "";
        }
        if (critical == total) {
            return critical + " critical";
        }
        if (critical == 0) {
            return total + (total == 1 ? " warning" : " warnings");
        }
        return critical + " critical +" + (total - critical);
    }

    /** Words for screen readers and the tooltip: "3 active alerts, 1 critical". */
    public static String badgeDescription(int total, int critical) {
        return total + (total == 1 ? " active alert" : " active alerts") + ", " + critical + " critical";
    }
}
