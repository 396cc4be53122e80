package io.pilothouse.services.policy;

import java.util.OptionalInt;

/**
 * The result of checking an audit log's hash chain.
 *
 * @param intact       true when every record is unaltered and in sequence
 * @param records      number of records read (up to the first bad one)
 * @param firstBadLine 1-based line of the first record that breaks the chain, if any
 * @param problem      what is wrong there, in words; null when intact
 */
public record AuditVerification(boolean intact, int records, OptionalInt firstBadLine, String problem) {

    /** An intact log of {@code records} records. */
    public static AuditVerification ok(int records) {
        return new AuditVerification(true, records, OptionalInt.empty(), null);
    }

    /** A log broken at {@code line}. */
    public static AuditVerification broken(int records, int line, String problem) {
        return new AuditVerification(false, records, OptionalInt.of(line), problem);
    }
}
