package io.pilothouse.views.history;

import io.pilothouse.services.history.HistoryKind;
import io.pilothouse.views.Tone;

/** Chip tones for history kinds: failovers alarm, switchovers inform, members lost warn. */
public final class HistoryPresentation {

    private HistoryPresentation() {
    }

    public static Tone tone(HistoryKind kind) {
        return switch (kind) {
            case FAILOVER -> Tone.DANGER;
            case SWITCHOVER -> Tone.INFO;
            case MEMBER_LOST -> Tone.WARN;
            case MEMBER_JOINED -> Tone.OK;
            case TIMELINE -> Tone.NEUTRAL;
        };
    }

    /** Chip text; {@code MEMBER_JOINED} reads JOINED to keep the chip short. */
    public static String chip(HistoryKind kind) {
        return kind == HistoryKind.MEMBER_JOINED ? "JOINED" : kind.label();
    }
}
