package io.pilothouse.app.wiring;

import io.pilothouse.services.credentials.CredentialRequest;
import io.pilothouse.services.credentials.CredentialResolver;
import io.pilothouse.services.credentials.OnePromptPerAccount;
import io.pilothouse.services.credentials.OsKeyring;
import io.pilothouse.services.credentials.PasswordPrompt;
import io.pilothouse.services.credentials.PgPassLookup;
import io.pilothouse.services.postgres.PasswordLookup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The credential chain the app uses: pgpass (the workspace's passfile, PGPASSFILE, ~/.pgpass), then the OS keyring,
 * then the user. Who asks is chosen once per process with {@link #askWith}: the window's dialog, a terminal prompt,
 * or nobody ({@link PasswordPrompt#NON_INTERACTIVE}, the default: scripts, tests, piped output). Whoever it is, the
 * user is asked at most once per {@code user@host:port} at a time and per session ({@link OnePromptPerAccount}).
 */
public final class Passwords {

    private static volatile PasswordPrompt asker = PasswordPrompt.NON_INTERACTIVE;
    private static final OnePromptPerAccount PROMPT = new OnePromptPerAccount(Passwords::askInstalled);

    private Passwords() {
    }

    /** From now on, a missing password is asked through {@code prompt}. */
    public static void askWith(PasswordPrompt prompt) {
        asker = Objects.requireNonNull(prompt, "prompt");
    }

    /** The lookup for every source (each source's own passfile comes with the request). */
    static PasswordLookup standardChain() {
        return PasswordLookup.through(resolver());
    }

    /** pgpass, then the keyring, then the prompt installed with {@link #askWith}. */
    static CredentialResolver resolver() {
        return CredentialResolver.standard(PgPassLookup.current(), new OsKeyring(), PROMPT);
    }

    private static Optional<char[]> askInstalled(CredentialRequest request, List<String> reasons) {
        return asker.ask(request, reasons);
    }
}
