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
     * @param ssh a destination {@code user@host[:port]}, or empty for this machine
     */
    public static HostShell open(Optional<String> ssh) throws HostCommandException {
        if (ssh.isEmpty()) {
            return new LocalShell();
        }
        // Replaced by the SSH client (branch ssh-shell) before this lands for users.
        throw new HostCommandException("running commands over SSH is not available in this build");
    }
}
