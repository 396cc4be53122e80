package io.pilothouse.services.policy;

import java.util.Optional;

/** Where the audit chain's key is kept: the OS keyring when there is one, else a 0600 file beside the log. */
public interface AuditKeyStore {

    /**
     * The key, or empty when none was created yet.
     *
     * @throws AuditException when a key is there but cannot be used (a key file other users can read, damaged)
     */
    Optional<AuditKey> load();

    /**
     * Keeps {@code key} (the first keyed write creates it).
     *
     * @throws AuditException when it cannot be kept
     */
    void save(AuditKey key);

    /** Where the key is, in words ("key file /…/audit.jsonl.key", "OS keyring entry pilothouse/…"). */
    String describe();
}
