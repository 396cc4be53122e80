package io.pilothouse.services.policy;

import java.util.OptionalInt;

/**
 * The result of checking an audit log's chain.
 *
 * @param intact         true when every record is unaltered and in sequence, and the log is there
 * @param records        number of records read (up to the first bad one)
 * @param firstBadLine   1-based line of the first record that breaks the chain, if any (none for a missing log)
 * @param problem        what is wrong, in words; null when intact
 * @param unkeyedRecords records written before the chain had a key: chain-checked with plain SHA-256 only
 * @param key            where the chain's key is ("key file …", "OS keyring entry …"), or null when it has none
 */
public record AuditVerification(boolean intact, int records, OptionalInt firstBadLine, String problem,
                                int unkeyedRecords, String key) {

    /** An intact log of {@code records} records, none keyed. */
    public static AuditVerification ok(int records) {
        return new AuditVerification(true, records, OptionalInt.empty(), null, records, null);
    }

    /** An intact log of {@code records} records, {@code unkeyed} of them from before the key at {@code key}. */
    public static AuditVerification ok(int records, int unkeyed, String key) {
        return new AuditVerification(true, records, OptionalInt.empty(), null, unkeyed, key);
    }

    /** A log broken at {@code line}. */
    public static AuditVerification broken(int records, int line, String problem) {
        return new AuditVerification(false, records, OptionalInt.of(line), problem, 0, null);
    }

    /** No log to check, or an empty one: never "intact" (it may have been deleted). */
    public static AuditVerification missing(String problem) {
        return new AuditVerification(false, 0, OptionalInt.empty(), problem, 0, null);
    }
}
