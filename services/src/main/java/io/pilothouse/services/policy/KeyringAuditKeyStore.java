package io.pilothouse.services.policy;

import io.pilothouse.services.credentials.CredentialStoreException;
import io.pilothouse.services.credentials.OsKeyring;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The audit key in the OS keyring (service {@code pilothouse}, account {@code audit-key:<log path>}): out of reach of
 * whoever can only write files, unlike a key file beside the log.
 */
public final class KeyringAuditKeyStore implements AuditKeyStore {

    private final OsKeyring keyring;
    private final String account;

    public KeyringAuditKeyStore(OsKeyring keyring, Path log) {
        this.keyring = keyring;
        this.account = "audit-key:" + log.toAbsolutePath().normalize();
    }

    @Override
    public Optional<AuditKey> load() {
        Optional<String> secret = keyring.secret(account);
        try {
            return secret.map(AuditKey::decode);
        } catch (IllegalArgumentException e) {
            throw new AuditException("the audit key in the OS keyring (" + account + ") is damaged ("
                    + e.getMessage() + ")", e);
        }
    }

    @Override
    public void save(AuditKey key) {
        try {
            keyring.storeSecret(account, key.encode());
        } catch (CredentialStoreException e) {
            throw new AuditException("cannot keep the audit key in the OS keyring: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "OS keyring entry " + OsKeyring.SERVICE + "/" + account;
    }
}
