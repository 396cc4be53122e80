package io.pilothouse.services.credentials;

import com.github.javakeyring.Keyring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Passwords in the OS keyring (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows) through
 * java-keyring, under service {@value #SERVICE} and account {@code user@host:port}.
 *
 * <p>On a server without a Secret Service (no D-Bus session, no gnome-keyring) java-keyring throws
 * {@code BackendNotSupportedException}; native-library problems surface as {@link LinkageError}s. None of that
 * escapes: the keyring is simply "not available", with the reason, and the resolver moves on. The backend is
 * opened on first use, once, because opening may talk to D-Bus.
 *
 * <p>java-keyring hands passwords over as {@code String}s, which cannot be wiped; they are converted to
 * {@code char[]} at once and not kept.
 */
public final class OsKeyring implements CredentialSource, AutoCloseable {

    /** Keyring service name for every Pilothouse entry. */
    public static final String SERVICE = "pilothouse";

    private static final Logger LOG = LoggerFactory.getLogger(OsKeyring.class);

    private final Callable<Keyring> factory;
    private Keyring keyring;
    private String unavailable;
    private boolean opened;

    /** The platform's keyring. */
    public OsKeyring() {
        this(Keyring::create);
    }

    /** With a given way to open the backend; for tests that simulate a broken one. */
    OsKeyring(Callable<Keyring> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** The keyring account for a connection: {@code user@host:port}. */
    public static String account(String user, String host, int port) {
        return user + "@" + host + ":" + port;
    }

    /** The account for a request. */
    public static String account(CredentialRequest request) {
        return account(request.user(), request.host(), request.port());
    }

    @Override
    public String name() {
        return "keyring";
    }

    /** True when a keyring backend could be opened. */
    public boolean isAvailable() {
        return backend() != null;
    }

    /** Why the keyring cannot be used ({@code keyring not available: …}), or empty when it can. */
    public synchronized Optional<String> unavailableReason() {
        backend();
        return Optional.ofNullable(unavailable);
    }

    @Override
    public CredentialAttempt attempt(CredentialRequest request) {
        Keyring k = backend();
        if (k == null) {
            return CredentialAttempt.missing(unavailableReason().orElse("keyring not available"));
        }
        String account = account(request);
        String where = "keyring " + SERVICE + "/" + account;
        try {
            String secret;
            synchronized (this) {
                secret = k.getPassword(SERVICE, account);
            }
            if (secret == null || secret.isEmpty()) {
                return CredentialAttempt.missing("no password in the " + where);
            }
            LOG.debug("Password for {} from the {}", request.describe(), where);
            return CredentialAttempt.found(secret.toCharArray(), CredentialOrigin.KEYRING, where);
        } catch (Exception | LinkageError e) {
            // java-keyring reports "no such entry" and "keyring locked" alike as PasswordAccessException.
            return CredentialAttempt.missing("no password in the " + where + " (" + describe(e) + ")");
        }
    }

    /**
     * Stores (or replaces) the password for {@code request}, e.g. after the user ticked "remember" in a prompt.
     *
     * @throws CredentialStoreException if the keyring is not available or refuses
     */
    public void store(CredentialRequest request, char[] password) throws CredentialStoreException {
        Keyring k = requireBackend();
        try {
            synchronized (this) {
                k.setPassword(SERVICE, account(request), new String(password));
            }
            LOG.info("Stored the password for {} in the keyring", account(request));
        } catch (Exception | LinkageError e) {
            throw new CredentialStoreException("could not store the password for " + account(request)
                    + " in the keyring: " + describe(e), e);
        }
    }

    /**
     * Removes the password for {@code request}.
     *
     * @throws CredentialStoreException if the keyring is not available or has no such entry
     */
    public void delete(CredentialRequest request) throws CredentialStoreException {
        Keyring k = requireBackend();
        try {
            synchronized (this) {
                k.deletePassword(SERVICE, account(request));
            }
            LOG.info("Removed the password for {} from the keyring", account(request));
        } catch (Exception | LinkageError e) {
            throw new CredentialStoreException("could not remove the password for " + account(request)
                    + " from the keyring: " + describe(e), e);
        }
    }

    /**
     * A secret Pilothouse keeps for itself under {@code account} (not a connection password: the audit log's key,
     * say), or empty when there is none or the keyring is not available.
     */
    public Optional<String> secret(String account) {
        Keyring k = backend();
        if (k == null) {
            return Optional.empty();
        }
        try {
            String secret;
            synchronized (this) {
                secret = k.getPassword(SERVICE, account);
            }
            return secret == null || secret.isEmpty() ? Optional.empty() : Optional.of(secret);
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * Stores (or replaces) a secret of Pilothouse's own under {@code account}.
     *
     * @throws CredentialStoreException if the keyring is not available or refuses
     */
    public void storeSecret(String account, String secret) throws CredentialStoreException {
        Keyring k = requireBackend();
        try {
            synchronized (this) {
                k.setPassword(SERVICE, account, secret);
            }
        } catch (Exception | LinkageError e) {
            throw new CredentialStoreException("could not store " + account + " in the keyring: " + describe(e), e);
        }
    }

    @Override
    public synchronized void close() {
        if (keyring != null) {
            try {
                keyring.close();
            } catch (Exception e) {
                LOG.debug("Closing the keyring failed", e);
            }
            keyring = null;
        }
    }

    private Keyring requireBackend() throws CredentialStoreException {
        Keyring k = backend();
        if (k == null) {
            throw new CredentialStoreException(unavailableReason().orElse("keyring not available"), null);
        }
        return k;
    }

    /** Opens the backend once; remembers why it failed. */
    private synchronized Keyring backend() {
        if (!opened) {
            opened = true;
            try {
                keyring = factory.call();
                if (keyring == null) {
                    unavailable = "keyring not available: no backend";
                }
            } catch (Exception | LinkageError e) {
                unavailable = "keyring not available: " + describe(e);
                LOG.info("OS keyring not available ({}); passwords come from pgpass or a prompt", describe(e));
            }
        }
        return keyring;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null) {
            text += " (" + cause.getMessage() + ")";
        }
        return text;
    }
}
