package io.pilothouse.services.reshard;

/**
 * Source and target compared as of the cutover: row count and an order-independent checksum of every row's text.
 *
 * @param sourceRows     rows in the kept source table
 * @param sourceChecksum its checksum
 * @param targetRows     rows on the target as of the cutover
 * @param targetChecksum their checksum
 * @param note           how it was compared when not as of the cutover (after a restart), or null
 */
public record Verification(long sourceRows, String sourceChecksum, long targetRows, String targetChecksum,
                           String note) {

    /** True when count and checksum agree. */
    public boolean matched() {
        return sourceRows == targetRows && sourceChecksum.equals(targetChecksum);
    }
}
