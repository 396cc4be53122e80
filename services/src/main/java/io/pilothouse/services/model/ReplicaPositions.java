package io.pilothouse.services.model;

/**
 * Where Patroni (4.1 and later) says a replica has received and replayed WAL up to, and how far each is behind the
 * cluster's last known WAL position ({@code GET /cluster}'s {@code receive_lsn}/{@code receive_lag} and
 * {@code replay_lsn}/{@code replay_lag}). Older Patroni reports none of it: {@link #NONE}.
 *
 * @param receiveLsn the received position as Patroni formats it ({@code 0/5000060}), or null
 * @param receiveLag bytes received behind the cluster's position, {@code unknown}, or none
 * @param replayLsn  the replayed position, or null
 * @param replayLag  bytes replayed behind the cluster's position, {@code unknown}, or none
 */
public record ReplicaPositions(String receiveLsn, ReportedLag receiveLag, String replayLsn, ReportedLag replayLag) {

    /** Nothing reported (a leader, Patroni before 4.1, or a source that does not carry it). */
    public static final ReplicaPositions NONE = new ReplicaPositions(null, ReportedLag.NONE, null, ReportedLag.NONE);

    public ReplicaPositions {
        receiveLag = receiveLag == null ? ReportedLag.NONE : receiveLag;
        replayLag = replayLag == null ? ReportedLag.NONE : replayLag;
    }

    /** True when Patroni reported any of the four figures. */
    public boolean reported() {
        return receiveLsn != null || replayLsn != null || receiveLag != ReportedLag.NONE
                || replayLag != ReportedLag.NONE;
    }
}
