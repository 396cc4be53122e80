package io.pilothouse.app.cli;

import io.pilothouse.services.credentials.CredentialRequest;
import io.pilothouse.services.credentials.CredentialStoreException;
import io.pilothouse.services.credentials.KeyringEntries;
import io.pilothouse.services.credentials.OsKeyring;
import io.pilothouse.services.credentials.PasswordPrompt;

import java.io.Console;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks for a missing password on the terminal, without echo ({@link Console#readPassword}), and offers to keep it
 * in the system keyring (default no). Only installed when there is a terminal ({@link #ifInteractive}); without one
 * nothing is asked and the connection's error names the pgpass line or keyring command to use instead.
 */
public final class ConsolePasswordPrompt implements PasswordPrompt {

    private final Console console;
    /** Opened on first use (it may talk to D-Bus), once per process. */
    private final OsKeyring keyring = new OsKeyring();

    private ConsolePasswordPrompt(Console console) {
        this.console = Objects.requireNonNull(console, "console");
    }

    /** A prompt on the terminal, or empty when the process has none (piped, cron, CI, a test). */
    static Optional<PasswordPrompt> ifInteractive() {
        Console c = System.console();
        return c == null ? Optional.empty() : Optional.of(new ConsolePasswordPrompt(c));
    }

    /** Installs the terminal prompt for this process when there is a terminal; otherwise leaves nobody asking. */
    public static void installIfInteractive() {
        ifInteractive().ifPresent(io.pilothouse.app.wiring.Passwords::askWith);
    }

    @Override
    public synchronized Optional<char[]> ask(CredentialRequest request, List<String> reasons) {
        PrintWriter out = console.writer();
        out.println();
        out.println("Pilothouse needs the password of " + request.user() + " on " + request.host() + ":"
                + request.port() + " " + ("patroni".equals(request.database()) ? "(Patroni REST API)"
                : "(PostgreSQL, database " + request.database() + ")") + ".");
        for (String reason : reasons) {
            out.println("  not found: " + reason);
        }
        out.flush();
        char[] typed = console.readPassword("%s", "Password for " + OsKeyring.account(request)
                + " (empty to skip): ");
        if (typed == null || typed.length == 0) {
            out.println("skipped: no password for " + OsKeyring.account(request) + " in this run");
            out.flush();
            return Optional.empty();
        }
        if (!keyring.isAvailable()) {
            out.println("(no system keyring here: the password is used for this run only)");
            out.flush();
            return Optional.of(typed);
        }
        String keep = console.readLine("%s", "Remember it in the system keyring? [y/N] ");
        if (keep != null && (keep.trim().equalsIgnoreCase("y") || keep.trim().equalsIgnoreCase("yes"))) {
            try {
                String account = new KeyringEntries(keyring).set(request, typed);
                out.println("stored in the system keyring as " + OsKeyring.SERVICE + "/" + account);
            } catch (CredentialStoreException e) {
                out.println("not stored (" + e.getMessage() + "); it is used for this run only");
            }
            out.flush();
        }
        return Optional.of(typed);
    }
}
