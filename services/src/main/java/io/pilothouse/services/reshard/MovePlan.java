package io.pilothouse.services.reshard;

import java.time.Instant;
import java.util.List;

/**
 * Everything a move needs, decided before anything runs and kept in the journal so a restarted app finishes or
 * undoes exactly this move: which partition, from where, to where, and the DDL that recreates its table there.
 *
 * @param id                 short unique id ({@code 20261121t101500_ab12}); names the publication, subscription, slot
 *                           and marker table
 * @param cluster            the coordinator's cluster as {@code source/scope}, for the lock, the audit and guard-rails
 * @param coordinator        the database holding the partitioned table
 * @param parent             the partitioned table
 * @param partition          the partition moved
 * @param bound              the partition's bound as PostgreSQL prints it ({@code FOR VALUES WITH (modulus 8, remainder 3)})
 * @param sourceForeign      true when the partition is a postgres_fdw foreign table (its rows live on {@code source})
 * @param source             where the rows are now (the coordinator itself for a local partition)
 * @param sourceTable        the table holding them there
 * @param target             where they go
 * @param targetServer       the coordinator's foreign server that reaches {@code target}
 * @param targetTable        the table created there (same qualified name as {@code sourceTable})
 * @param keptName           the name the old table gets, kept until the operator drops it
 * @param user               the role every step connects as (a superuser: it creates the move's replication role)
 * @param targetDdl          statements that create the table on the target (columns, constraints, indexes, owner, grants)
 * @param partitionGrants    statements that give the new foreign partition the old one's grants
 * @param sourceRows         row estimate of the source table when planned
 * @param sourceBytes        size of the source table (heap) when planned
 * @param createdAt          when the plan was made
 * @param notes              what the plan leaves out or could not copy (a role missing on the target…), in words
 * @param split              for a split, how the partition is halved; null for a move
 */
public record MovePlan(String id, String cluster, ReshardNode coordinator, QualifiedName parent,
                       QualifiedName partition, String bound, boolean sourceForeign, ReshardNode source,
                       QualifiedName sourceTable, ReshardNode target, String targetServer,
                       QualifiedName targetTable, String keptName, String user, List<String> targetDdl,
                       List<String> partitionGrants, long sourceRows, long sourceBytes, Instant createdAt, List<String> notes, SplitSpec split) {

    public MovePlan {
        targetDdl = List.copyOf(targetDdl);
        notes = notes == null ? List.of() : List.copyOf(notes);
        partitionGrants = List.copyOf(partitionGrants);
    }

    /** Name of the publication, the subscription and its slot: {@code ph_move_<id>}. */
    public String replicationName() {
        return "ph_move_" + id;
    }

    /**
     * The role the subscription logs in to the source as, created for the move and dropped after it
     * ({@link ReplicationRole}); named after the move so the journal knows it without its password.
     */
    public String replicationRole() {
        return "ph_move_" + id;
    }

    /** The marker table, on source and target, whose row proves the target has applied everything before it. */
    public QualifiedName marker() {
        return new QualifiedName(MoveStatements.MARKER_SCHEMA, "move_" + id);
    }

    /** One line: {@code demo.orders_p3 from shard2 (…) to shard1 (…)}, or what a split does. */
    public String summary() {
        if (split != null) {
            return "split " + partition + " (" + split.remainder() + " mod " + split.modulus() + ") on "
                    + source.describe() + ": " + split.remainder() + " mod " + split.newModulus() + " stays, "
                    + split.newPartition() + " (" + split.movedRemainder() + " mod " + split.newModulus() + ") goes to "
                    + target.describe();
        }
        return partition + " from " + source.describe() + " to " + target.describe();
    }
}
