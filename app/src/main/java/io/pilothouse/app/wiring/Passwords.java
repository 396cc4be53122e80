package io.pilothouse.app.wiring;

import io.pilothouse.services.credentials.CredentialResolver;
import io.pilothouse.services.credentials.OsKeyring;
import io.pilothouse.services.credentials.PasswordPrompt;
import io.pilothouse.services.credentials.PgPassLookup;
import io.pilothouse.services.postgres.PasswordLookup;

/** The credential chain the app uses: pgpass (the workspace's passfile, PGPASSFILE, ~/.pgpass), then the OS keyring. */
final class Passwords {

    private Passwords() {
    }

    /**
     * The lookup for every source (each source's own passfile comes with the request). No prompt yet: the live view must never block on a dialog, so a
     * member without a password shows "authentication failed" with the advice to add it to pgpass or the keyring.
     */
    static PasswordLookup standardChain() {
        return PasswordLookup.through(resolver());
    }

    /** pgpass, then the keyring, never a prompt (see {@link #standardChain()}). */
    static CredentialResolver resolver() {
        return CredentialResolver.standard(PgPassLookup.current(), new OsKeyring(), PasswordPrompt.NON_INTERACTIVE);
    }
}
