package io.pilothouse.services.credentials;

/** Where a password came from. */
public enum CredentialOrigin {
    /** A line of a pgpass file (the workspace's passfile, {@code PGPASSFILE} or {@code ~/.pgpass}). */
    PGPASS,
    /** The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager). */
    KEYRING,
    /** Typed by the user when asked. */
    PROMPT,
    /** No password found; the connection is tried without one (trust, peer or certificate authentication). */
    NONE
}
