package io.pilothouse.services.sandbox.workload;

import java.util.List;

/**
 * What one run of {@link TwoPhaseWorkload} did.
 *
 * @param coordinator  the participant holding the coordinator's decision log ({@code tx_decisions}): the HA leader
 * @param participants every participant, in the order branches are prepared and committed (the HA cluster first)
 * @param committed    global ids of the transactions committed everywhere, in order
 * @param orphans      the transactions deliberately left in doubt, in order
 */
public record TwoPhaseResult(Participant coordinator, List<Participant> participants, List<String> committed,
                             List<Orphan> orphans) {

    public TwoPhaseResult {
        participants = List.copyOf(participants);
        committed = List.copyOf(committed);
        orphans = List.copyOf(orphans);
    }

    /**
     * A server taking part in the transactions.
     *
     * @param name   participant name: the cluster scope for the HA cluster, {@code shardN} for a shard
     * @param server where it was reached: the leader member's name for the HA cluster, the shard name otherwise
     * @param host   PostgreSQL host
     * @param port   PostgreSQL port
     */
    public record Participant(String name, String server, String host, int port) {

        /** {@code host:port}. */
        public String endpoint() {
            return host + ":" + port;
        }
    }

    /** How an orphan was left behind. */
    public enum OrphanKind {
        /** Prepared on every participant, then the coordinator died before deciding: no decision row. */
        NO_DECISION,
        /** Prepared everywhere, decision (commit) recorded, committed on the first participant only. */
        PARTLY_COMMITTED
    }

    /** What a DBA (or Pilothouse) must do with the orphan's prepared branches. */
    public enum Resolution {
        /** {@code COMMIT PREPARED} on every participant still holding a branch: the coordinator decided to commit. */
        COMMIT,
        /** {@code ROLLBACK PREPARED} everywhere: nothing was decided, so nothing may have committed. */
        ROLLBACK
    }

    /**
     * A prepared branch left behind.
     *
     * @param participant participant name
     * @param gid         the branch's gid in {@code pg_prepared_xacts}
     */
    public record Branch(String participant, String gid) {
    }

    /**
     * A global transaction left in doubt on purpose.
     *
     * @param globalId    its global id
     * @param kind        how it was left behind
     * @param decided     whether {@code tx_decisions} holds its decision (commit)
     * @param committedOn participants where it is already committed
     * @param branches    the prepared branches still held, one per participant not in {@code committedOn}
     * @param resolution  the correct resolution of those branches
     */
    public record Orphan(String globalId, OrphanKind kind, boolean decided, List<String> committedOn,
                         List<Branch> branches, Resolution resolution) {

        public Orphan {
            committedOn = List.copyOf(committedOn);
            branches = List.copyOf(branches);
        }

        /** The participants still holding a prepared branch. */
        public List<String> holders() {
            return branches.stream().map(Branch::participant).toList();
        }
    }
}
