package io.pilothouse.services.credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The connection passwords Pilothouse keeps in the OS keyring, as {@code pilothouse credentials set|forget|list}
 * manages them. java-keyring can read, write and delete one entry but cannot enumerate a service's entries on
 * every platform, so the accounts stored are also listed (names only, no secret) in one more keyring entry,
 * {@value #INDEX}; {@link #list()} checks each listed account is still there.
 *
 * <p>There is no fallback: when the keyring is not available every method throws with the reason, and nothing is
 * written anywhere else.
 */
public final class KeyringEntries {

    /** The keyring account that lists the stored accounts (not a {@code user@host:port}, so it cannot clash). */
    public static final String INDEX = "pilothouse-accounts";

    private final OsKeyring keyring;

    public KeyringEntries(OsKeyring keyring) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
    }

    /** The request a keyring entry is for: the database plays no part in the account. */
    public static CredentialRequest request(String host, int port, String user) {
        return new CredentialRequest(host, port, "*", user, null);
    }

    /**
     * Stores (or replaces) the password of {@code user@host:port}; the caller wipes {@code password}.
     *
     * @return the account, e.g. {@code monitor@127.0.0.1:5432}
     */
    public String set(CredentialRequest request, char[] password) throws CredentialStoreException {
        if (password.length == 0) {
            throw new CredentialStoreException("an empty password is not stored", null);
        }
        keyring.store(request, password);
        String account = OsKeyring.account(request);
        TreeSet<String> index = index();
        if (index.add(account)) {
            keyring.storeSecret(INDEX, String.join("\n", index));
        }
        return account;
    }

    /**
     * Removes the password of {@code user@host:port}.
     *
     * @return true if there was one
     */
    public boolean forget(CredentialRequest request) throws CredentialStoreException {
        requireAvailable();
        String account = OsKeyring.account(request);
        boolean present = keyring.attempt(request).isFound();
        if (present) {
            keyring.delete(request);
        }
        TreeSet<String> index = index();
        if (index.remove(account)) {
            keyring.storeSecret(INDEX, String.join("\n", index));
        }
        return present;
    }

    /** The accounts that have a password in the keyring now, sorted. */
    public List<String> list() throws CredentialStoreException {
        requireAvailable();
        List<String> present = new ArrayList<>();
        for (String account : index()) {
            if (keyring.secret(account).isPresent()) {
                present.add(account);
            }
        }
        return present;
    }

    private TreeSet<String> index() throws CredentialStoreException {
        requireAvailable();
        TreeSet<String> accounts = new TreeSet<>();
        keyring.secret(INDEX).ifPresent(text -> text.lines().map(String::trim).filter(s -> !s.isEmpty())
                .forEach(accounts::add));
        return accounts;
    }

    private void requireAvailable() throws CredentialStoreException {
        var why = keyring.unavailableReason();
        if (why.isPresent()) {
            throw new CredentialStoreException(why.get(), null);
        }
    }
}
