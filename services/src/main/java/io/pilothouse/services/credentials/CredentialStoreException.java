package io.pilothouse.services.credentials;

/** A password could not be stored in or removed from the OS keyring. The message never contains the password. */
public final class CredentialStoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public CredentialStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
