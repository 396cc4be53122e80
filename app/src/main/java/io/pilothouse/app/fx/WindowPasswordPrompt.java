package io.pilothouse.app.fx;

import io.pilothouse.services.credentials.CredentialRequest;
import io.pilothouse.services.credentials.CredentialStoreException;
import io.pilothouse.services.credentials.KeyringEntries;
import io.pilothouse.services.credentials.OsKeyring;
import io.pilothouse.services.credentials.PasswordPrompt;
import io.pilothouse.views.credentials.PasswordAnswer;
import io.pilothouse.views.credentials.PasswordDialogPane;
import javafx.application.Platform;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The window's password prompt: called on a background thread (a monitor's I/O thread), it shows a
 * {@link PasswordDialogPane} on the FX thread and waits for the answer there; never on the FX thread itself (that
 * would freeze the window: such a call gets no password and a log line). "Remember" stores the password in the
 * system keyring from the calling thread (D-Bus is not the FX thread's business); if that fails the password is
 * still used for the session and nothing is written anywhere else. Once its window is closed it asks nobody.
 */
public final class WindowPasswordPrompt implements PasswordPrompt {

    private static final Logger LOG = LoggerFactory.getLogger(WindowPasswordPrompt.class);

    private final Executor fx;
    private final Supplier<Window> owner;
    private final OsKeyring keyring;

    /**
     * @param fx      the FX thread as an executor ({@link FxToolkit#fx()})
     * @param owner   the window the dialog belongs to (may supply null)
     * @param keyring where "remember" stores the password
     */
    public WindowPasswordPrompt(Executor fx, Supplier<Window> owner, OsKeyring keyring) {
        this.fx = Objects.requireNonNull(fx, "fx");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.keyring = Objects.requireNonNull(keyring, "keyring");
    }

    @Override
    public Optional<char[]> ask(CredentialRequest request, List<String> reasons) {
        if (Platform.isFxApplicationThread()) {
            LOG.warn("A password for {} was wanted on the FX thread; not asking there", OsKeyring.account(request));
            return Optional.empty();
        }
        boolean keyringUsable = keyring.isAvailable();
        String keyringProblem = keyring.unavailableReason().map(r -> r.replaceFirst("^keyring not available: ", ""))
                .orElse(null);
        CompletableFuture<PasswordAnswer> answer = new CompletableFuture<>();
        fx.execute(() -> {
            try {
                PasswordDialogPane pane = new PasswordDialogPane(request.host(), request.port(), request.user(),
                        purpose(request), reasons, keyringUsable, keyringProblem);
                Window over = owner.get();
                if (over == null || !over.isShowing()) {
                    // The window is gone (closed, or a test's stage): nobody would see the dialog.
                    answer.complete(null);
                    return;
                }
                javafx.scene.control.Dialog<PasswordAnswer> dialog = pane.dialog(over, "Pilothouse \u2014 password for "
                        + OsKeyring.account(request));
                // In the window's theme, as every other window (WindowFactory): a Dialog makes its own scene.
                WindowFactory.themeOf(over).applyTo(dialog.getDialogPane().getScene());
                answer.complete(dialog.showAndWait().orElse(null));
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        PasswordAnswer typed;
        try {
            typed = answer.join();
        } catch (CompletionException e) {
            LOG.warn("The password dialog for {} failed: {}", OsKeyring.account(request), e.getCause().toString());
            return Optional.empty();
        }
        if (typed == null) {
            return Optional.empty();
        }
        if (typed.remember()) {
            try {
                new KeyringEntries(keyring).set(request, typed.password());
            } catch (CredentialStoreException e) {
                LOG.warn("Not remembered: {}", e.getMessage());
            }
        }
        return Optional.of(typed.password());
    }

    /** Why the password is needed, in the dialog's words. */
    static String purpose(CredentialRequest request) {
        return "patroni".equals(request.database())
                ? "to authenticate to Patroni's REST API (operations such as a switchover)"
                : "to log in to PostgreSQL (database " + request.database() + ") and read this server's role, "
                        + "replication and lag";
    }
}
