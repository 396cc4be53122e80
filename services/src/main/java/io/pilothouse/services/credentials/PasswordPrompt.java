package io.pilothouse.services.credentials;

import java.util.List;
import java.util.Optional;

/**
 * Asks the user for a password when neither pgpass nor the keyring has one. The UI shows a dialog, the CLI reads
 * the console without echo; unattended runs use {@link #NON_INTERACTIVE}.
 */
@FunctionalInterface
public interface PasswordPrompt {

    /** Never asks: for scripts, services and tests. */
    PasswordPrompt NON_INTERACTIVE = (request, reasons) -> Optional.empty();

    /**
     * Asks for the password of {@code request}.
     *
     * @param request what the password is for (user, host, port, database)
     * @param reasons why the other sources had nothing, to show the user (e.g. "~/.pgpass has group access")
     * @return the password typed, or empty when cancelled or not possible; the caller owns and wipes the array
     */
    Optional<char[]> ask(CredentialRequest request, List<String> reasons);
}
