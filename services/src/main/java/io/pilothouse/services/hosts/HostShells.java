package io.pilothouse.services.hosts;

import java.util.Optional;

/**
 * Opens the shell an operation's commands run on: this machine when no SSH destination is given, otherwise the
 * remote host over SSH.
 */
public final class HostShells {

    private HostShells() {
    }

    /**
     * @param ssh a destination {@code user@host[:port]}, or empty for this machine; over SSH the user's keys,
     *            ssh-agent and {@code ~/.ssh/known_hosts} are used ({@link SshSettings#defaults()})
     */
    public static HostShell open(Optional<String> ssh) throws HostCommandException {
        return open(ssh, SshSettings.defaults());
    }

    /**
     * @param ssh      a destination {@code [user@]host[:port]} (a Host of ~/.ssh/config allowed, see
     *                 {@link SshDestination}), or empty for this machine
     * @param settings keys, known_hosts files, passphrase prompt and timeouts for SSH
     * @throws HostCommandException when the destination is malformed or the login fails, in one sentence
     */
    public static HostShell open(Optional<String> ssh, SshSettings settings) throws HostCommandException {
        if (ssh.isEmpty()) {
            return new LocalShell();
        }
        SshDestination destination;
        try {
            destination = SshDestination.resolve(ssh.get(), settings.openSshConfig());
        } catch (IllegalArgumentException e) {
            throw new HostCommandException("--ssh " + e.getMessage());
        }
        return SshShell.open(destination.target(), destination.applyTo(settings));
    }
}
