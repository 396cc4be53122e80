package io.pilothouse.services.policy;

import java.util.Objects;

/**
 * One record read back from an audit log, with its place in the chain.
 *
 * @param seq    the record's sequence number in the chain (1 for the first)
 * @param hash   the record's stored hash (hex SHA-256)
 * @param line   the 1-based line of the file it was read from
 * @param record what was audited
 */
public record AuditEntry(long seq, String hash, int line, AuditRecord record) {

    public AuditEntry {
        Objects.requireNonNull(record, "record");
        hash = hash == null ? "" : hash;
    }
}
