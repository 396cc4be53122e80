package io.pilothouse.services.model;

/** How current a piece of data is. A frozen feed is never shown as live. */
public enum Freshness {
    /** Read successfully within the staleness window. */
    LIVE,
    /** Last successful read is older than the staleness window, and the source has not refused us. */
    STALE,
    /** The source refuses connections or errors; the data shown is the last known. */
    UNREACHABLE,
    /** Never read yet (or the source is not configured). */
    UNKNOWN;

    /** The worse of two freshness values (UNREACHABLE &gt; STALE &gt; UNKNOWN &gt; LIVE). */
    public Freshness worst(Freshness other) {
        return rank(this) >= rank(other) ? this : other;
    }

    private static int rank(Freshness f) {
        switch (f) {
            case LIVE: return 0;
            case UNKNOWN: return 1;
            case STALE: return 2;
            default: return 3;
        }
    }
}
