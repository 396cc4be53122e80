package io.pilothouse.services.reshard;

/**
 * What makes a move a split: the hash partition {@code (modulus, remainder)} keeps {@code (2·modulus, remainder)} on
 * its node, and the rows of {@code (2·modulus, remainder + modulus)} go to a new partition on the target. Only those
 * rows are published (a row filter on the partition key), received into a table named like the source (logical
 * replication matches tables by name) and renamed at the cutover.
 *
 * @param newPartition  the new partition on the coordinator ({@code demo.orders_p11})
 * @param newRemote     its table on the target after the cutover
 * @param modulus       the partition's modulus now
 * @param remainder     its remainder now
 * @param keyColumn     the partition key column
 * @param hashParent    a table hash-partitioned on the same key type, on the source node, that
 *                      {@code satisfies_hash_partition} takes its hash function from: the parent itself when the
 *                      source is the coordinator, else a helper table this split creates
 * @param helperCreated true when {@code hashParent} is the split's own helper (dropped at the end)
 * @param keyType       the key column's type ({@code format_type}), for the helper table
 * @param identityIndex a unique index on the primary key columns plus the key, made the source table's replica
 *                      identity while the split runs (a row filter may only use identity columns), or null when
 *                      the identity already covers the key
 * @param identityColumns the columns of that index
 */
public record SplitSpec(QualifiedName newPartition, QualifiedName newRemote, int modulus, int remainder,
                        String keyColumn, QualifiedName hashParent, boolean helperCreated, String keyType,
                        String identityIndex, java.util.List<String> identityColumns) {

    public SplitSpec {
        identityColumns = identityColumns == null ? java.util.List.of() : java.util.List.copyOf(identityColumns);
    }

    /** The modulus after the split. */
    public int newModulus() {
        return modulus * 2;
    }

    /** The remainder the new partition takes. */
    public int movedRemainder() {
        return remainder + modulus;
    }
}
