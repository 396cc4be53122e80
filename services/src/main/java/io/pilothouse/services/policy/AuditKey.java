package io.pilothouse.services.policy;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret the audit chain is keyed with (HMAC-SHA256), the first record it keyed, and the head: the seq and hash
 * of the last record written. Records before {@code firstKeyedSeq} were written before the key existed and are
 * checked as plain SHA-256 links ("unkeyed"); from it on every record must be keyed, so a rewritten record cannot be
 * passed off as an old unkeyed one. The head, kept apart from the log, shows records removed from the log's end or
 * the whole log deleted and started again.
 *
 * <p>Stored as one line, {@code v1 <64 hex digits> <first keyed seq> <head seq> <head hash>}.
 */
public record AuditKey(byte[] secret, long firstKeyedSeq, long headSeq, String headHash) {

    private static final String VERSION = "v1";

    public AuditKey {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("an audit key has 32 bytes");
        }
        secret = secret.clone();
        headHash = headHash == null || headHash.isBlank() ? "-" : headHash;
    }

    /** A new random key keying records from {@code firstKeyedSeq} on; no head yet. */
    public static AuditKey generate(long firstKeyedSeq) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new AuditKey(secret, firstKeyedSeq, 0, "-");
    }

    /** The same key with the last record written. */
    public AuditKey withHead(long seq, String hash) {
        return new AuditKey(secret, firstKeyedSeq, seq, hash);
    }

    /** True once a record has been written with this key. */
    public boolean hasHead() {
        return headSeq > 0 && !"-".equals(headHash);
    }

    /** The stored form. */
    public String encode() {
        return VERSION + " " + HexFormat.of().formatHex(secret) + " " + firstKeyedSeq + " " + headSeq + " "
                + headHash;
    }

    /**
     * Reads the stored form.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static AuditKey decode(String text) {
        String[] parts = text.strip().split(" ");
        if (parts.length != 5 || !VERSION.equals(parts[0]) || parts[1].length() != 64) {
            throw new IllegalArgumentException("not an audit key (expected 'v1 <64 hex digits> <seq> <seq> <hash>')");
        }
        try {
            return new AuditKey(HexFormat.of().parseHex(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]), parts[4]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an audit key: " + e.getMessage());
        }
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "AuditKey[from seq " + firstKeyedSeq + ", head " + headSeq + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditKey k && k.firstKeyedSeq == firstKeyedSeq && k.headSeq == headSeq
                && k.headHash.equals(headHash) && java.security.MessageDigest.isEqual(k.secret, secret);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(firstKeyedSeq);
    }
}
