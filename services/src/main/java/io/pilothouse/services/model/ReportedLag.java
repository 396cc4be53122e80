package io.pilothouse.services.model;

/**
 * A lag figure as Patroni reports it: a number of bytes, the string {@code "unknown"}, or nothing.
 *
 * @param bytes   lag in bytes, or null when not a number
 * @param unknown true when Patroni said {@code "unknown"} (it cannot tell, e.g. the replica reports no position)
 */
public record ReportedLag(Long bytes, boolean unknown) {

    /** Nothing reported (a leader, or a source that carries no lag). */
    public static final ReportedLag NONE = new ReportedLag(null, false);
    /** Patroni reported the string {@code "unknown"}. */
    public static final ReportedLag UNKNOWN = new ReportedLag(null, true);

    /** A numeric lag. */
    public static ReportedLag ofBytes(long bytes) {
        return new ReportedLag(bytes, false);
    }

    /** True when a number is known. */
    public boolean known() {
        return bytes != null;
    }

    @Override
    public String toString() {
        return unknown ? "unknown" : bytes == null ? "" : Long.toString(bytes);
    }
}
