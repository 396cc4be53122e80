package io.pilothouse.views.format;

import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;

import java.time.Instant;
import java.time.ZoneId;

/** Words for the health of a data source (status bar, stale-data banner). */
public final class SourceStatusText {

    private SourceStatusText() {
    }

    /** Short name of a source as DBAs say it. */
    public static String name(SourceKind kind) {
        switch (kind) {
            case ETCD: return "etcd";
            case PATRONI_REST: return "REST";
            case POSTGRES: return "SQL";
            default: return kind.name();
        }
    }

    /**
     * {@code live}, {@code stale since 12:01:03 (14 s)}, {@code unreachable: connection refused},
     * {@code not connected yet}.
     */
    public static String describe(SourceStatus s, Instant now, ZoneId zone) {
        switch (s.freshness()) {
            case LIVE:
                return "live";
            case STALE:
                return "stale " + since(s, now, zone) + error(s);
            case UNREACHABLE:
                return "unreachable " + since(s, now, zone) + error(s);
            default:
                return "not connected yet";
        }
    }

    /** {@code etcd lost 14 s ago (connection refused)} for the stale-data banner; null when live or unknown. */
    public static String lost(SourceStatus s, Instant now) {
        if (s.freshness() == Freshness.LIVE || s.freshness() == Freshness.UNKNOWN) {
            return null;
        }
        String when = s.lastSuccess() == null ? "never answered" : "lost " + DurationFormat.ago(s.lastSuccess(), now);
        String err = s.lastError() == null || s.lastError().isBlank() ? "" : " (" + s.lastError() + ")";
        return name(s.kind()) + " " + when + err;
    }

    private static String since(SourceStatus s, Instant now, ZoneId zone) {
        if (s.lastSuccess() == null) {
            return "since start";
        }
        return "since " + DurationFormat.clock(s.lastSuccess(), zone) + " (" + DurationFormat.age(s.lastSuccess(), now) + ")";
    }

    private static String error(SourceStatus s) {
        return s.lastError() == null || s.lastError().isBlank() ? "" : ": " + s.lastError();
    }
}
