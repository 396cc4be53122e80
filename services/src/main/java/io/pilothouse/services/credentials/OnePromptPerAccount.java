package io.pilothouse.services.credentials;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link PasswordPrompt} that asks the user at most once per {@code user@host:port} in a session: callers that
 * want the same password while a prompt is open wait for that prompt's answer instead of opening another; a typed
 * password is reused (a copy each time) for the rest of the session; a cancelled prompt is remembered too, so a
 * monitor polling every few seconds does not reopen the dialog after the user said no. {@link #forget(String)}
 * lets the user be asked again (after a wrong password, say).
 *
 * <p>Thread-safe. The delegate is called on the thread of the first caller for an account (never the FX thread:
 * the window's prompt refuses that).
 */
public final class OnePromptPerAccount implements PasswordPrompt {

    private static final Logger LOG = LoggerFactory.getLogger(OnePromptPerAccount.class);

    private final PasswordPrompt delegate;
    private final ConcurrentMap<String, CompletableFuture<Optional<char[]>>> answers = new ConcurrentHashMap<>();

    public OnePromptPerAccount(PasswordPrompt delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Optional<char[]> ask(CredentialRequest request, List<String> reasons) {
        String account = OsKeyring.account(request);
        CompletableFuture<Optional<char[]>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<char[]>> existing = answers.putIfAbsent(account, mine);
        if (existing == null) {
            Optional<char[]> typed;
            try {
                typed = delegate.ask(request, reasons);
            } catch (RuntimeException e) {
                LOG.warn("Password prompt for {} failed: {}", account, e.getClass().getSimpleName());
                typed = Optional.empty();
            }
            Optional<char[]> kept = typed == null ? Optional.empty() : typed.filter(p -> p.length > 0);
            mine.complete(kept);
            if (kept.isEmpty()) {
                LOG.info("No password typed for {}; not asking again in this session", account);
            }
            existing = mine;
        }
        return existing.join().map(char[]::clone);
    }

    /** True when the user was asked for {@code account} in this session and gave no password. */
    public boolean declined(String account) {
        CompletableFuture<Optional<char[]>> f = answers.get(account);
        return f != null && f.isDone() && f.join().isEmpty();
    }

    /** Forgets the answer for {@code account} (and wipes a typed password) so that the next lookup asks again. */
    public void forget(String account) {
        CompletableFuture<Optional<char[]>> f = answers.remove(account);
        if (f != null && f.isDone()) {
            f.join().ifPresent(p -> java.util.Arrays.fill(p, '\0'));
        }
    }
}
