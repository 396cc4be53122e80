package io.pilothouse.app.cli;

import io.pilothouse.services.hosts.PassphrasePrompt;
import io.pilothouse.services.hosts.SshSettings;
import picocli.CommandLine.Option;

import java.io.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SSH options of a command that runs commands on a host ({@code --known-hosts}, {@code --identity}), as a
 * picocli mixin, and the terminal prompt for an encrypted key's passphrase. The destination ({@code --ssh}) stays
 * with each command, whose help says what it is for.
 */
public final class SshOptions {

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "A known_hosts file trusted besides ~/.ssh/known_hosts (repeatable).")
    List<Path> knownHosts = new ArrayList<>();

    @Option(names = "--identity", paramLabel = "FILE",
            description = "A private key to log in with instead of ~/.ssh/id_ed25519, id_ecdsa, id_rsa and "
                    + "ssh-agent (repeatable).")
    List<Path> identities = new ArrayList<>();

    /**
     * {@code base} ({@link SshSettings#defaults()} or {@link SshSettings#forWorkspace}) with these options applied
     * and, when there is a terminal, a passphrase prompt on it.
     */
    public SshSettings settings(SshSettings base) {
        SshSettings settings = base;
        for (Path file : knownHosts) {
            settings = settings.withKnownHostsFile(file);
        }
        if (!identities.isEmpty()) {
            settings = settings.withIdentities(identities);
        }
        return settings.withPassphrases(consolePrompt());
    }

    /** Asks on the terminal, without echo, for an encrypted key's passphrase; nobody to ask without a terminal. */
    private static PassphrasePrompt consolePrompt() {
        Console console = System.console();
        if (console == null) {
            return PassphrasePrompt.NONE;
        }
        return keyFile -> {
            char[] typed = console.readPassword("Passphrase for %s (empty to skip): ", keyFile);
            return typed == null || typed.length == 0 ? Optional.empty() : Optional.of(typed);
        };
    }
}
