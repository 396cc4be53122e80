package io.pilothouse.app.cli;

import io.pilothouse.services.hosts.HostCommandException;
import io.pilothouse.services.hosts.HostShell;
import io.pilothouse.services.hosts.HostShells;
import io.pilothouse.services.hosts.PassphrasePrompt;
import io.pilothouse.services.hosts.SshSettings;
import picocli.CommandLine.Option;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SSH options of a command that runs commands on a host ({@code --known-hosts}, {@code --identity}), as a
 * picocli mixin, and the terminal prompt for an encrypted key's passphrase. The destination ({@code --ssh}) stays
 * with each command, whose help says what it is for. On a terminal, a host key no known_hosts file lists is shown
 * and trusted only when the user types {@code yes}, as OpenSSH asks; without a terminal it is refused.
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

    /**
     * Opens the shell for {@code ssh} (this machine when empty) with {@link #settings}; an unknown host key is asked
     * about on the terminal, then written to the first known_hosts file and the login tried once more.
     */
    public HostShell open(Optional<String> ssh, SshSettings base) throws HostCommandException {
        SshSettings settings = settings(base);
        try {
            return HostShells.open(ssh, settings);
        } catch (io.pilothouse.services.hosts.UnknownHostKeyException unknown) {
            Console console = System.console();
            if (console == null || settings.knownHosts().isEmpty()) {
                throw unknown;
            }
            Path file = settings.knownHosts().get(0);
            console.printf("%s%n%s:%d offers %s. Trust it and add it to %s? Type yes to trust it: ",
                    unknown.getMessage(), unknown.target().host(), unknown.target().port(), unknown.fingerprint(),
                    file);
            String answer = console.readLine();
            if (answer == null || !"yes".equals(answer.strip())) {
                throw unknown;
            }
            try {
                unknown.trust(file);
            } catch (IOException e) {
                throw new HostCommandException("could not add the host key to " + file + ": " + e.getMessage());
            }
            return HostShells.open(ssh, settings);
        }
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
