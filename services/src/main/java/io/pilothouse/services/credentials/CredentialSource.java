package io.pilothouse.services.credentials;

/** One place a password may be found without asking the user. */
public interface CredentialSource {

    /** Short name for messages, e.g. {@code pgpass} or {@code keyring}. */
    String name();

    /**
     * Looks for the password of {@code request}. Implementations report trouble (unreadable file, no keyring) as
     * a {@link CredentialAttempt#missing(String) missing} reason rather than throwing.
     */
    CredentialAttempt attempt(CredentialRequest request);
}
