package io.pilothouse.services.credentials;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the password for a connection by trying, in order: pgpass, the OS keyring, then the user through a
 * {@link PasswordPrompt}; if all come up empty, the credential has no password and the notes say why. There is
 * deliberately no file of our own to fall back to: a password is either where libpq would look, in the keyring,
 * or typed.
 *
 * <p>No exception from a source escapes: a failing source is one more note. Thread-safe if the sources are.
 */
public final class CredentialResolver {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialResolver.class);

    private final List<CredentialSource> sources;
    private final PasswordPrompt prompt;

    /**
     * @param sources tried in order before asking
     * @param prompt  asked last; {@link PasswordPrompt#NON_INTERACTIVE} never asks
     */
    public CredentialResolver(List<CredentialSource> sources, PasswordPrompt prompt) {
        this.sources = List.copyOf(sources);
        this.prompt = Objects.requireNonNull(prompt, "prompt");
    }

    /** The standard chain: pgpass, then the keyring, then the prompt. */
    public static CredentialResolver standard(PgPassLookup pgpass, OsKeyring keyring, PasswordPrompt prompt) {
        return new CredentialResolver(List.of(pgpass, keyring), prompt);
    }

    /** The password for {@code request}, or a credential without one and the reasons. */
    public Credential resolve(CredentialRequest request) {
        List<String> notes = new ArrayList<>();
        for (CredentialSource source : sources) {
            CredentialAttempt attempt;
            try {
                attempt = source.attempt(request);
            } catch (RuntimeException e) {
                attempt = CredentialAttempt.missing(source.name() + " failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                LOG.warn("Credential source {} failed for {}", source.name(), request.describe(), e);
            }
            if (attempt.isFound()) {
                CredentialOrigin origin = attempt.origin().orElseThrow();
                // Resolved at every connection attempt (each poll): debug, or the log repeats it every few seconds.
                LOG.debug("Password for {} from {} ({})", request.describe(), origin, attempt.detail());
                return new Credential(request.user(), attempt.password().orElseThrow(), origin, attempt.detail(),
                        notes);
            }
            notes.add(source.name() + ": " + attempt.detail());
        }
        Optional<char[]> typed;
        try {
            typed = prompt.ask(request, List.copyOf(notes));
        } catch (RuntimeException e) {
            LOG.warn("Password prompt failed for {}", request.describe(), e);
            typed = Optional.empty();
            notes.add("prompt failed: " + e.getClass().getSimpleName());
        }
        if (typed != null && typed.isPresent() && typed.get().length > 0) {
            LOG.info("Password for {} typed by the user", request.describe());
            return new Credential(request.user(), typed.get(), CredentialOrigin.PROMPT, "typed", notes);
        }
        notes.add("prompt: no password entered" + (prompt == PasswordPrompt.NON_INTERACTIVE
                ? " (not interactive)" : ""));
        LOG.debug("No password for {}; connecting without one. {}", request.describe(), notes);
        return Credential.none(request.user(), notes);
    }
}
