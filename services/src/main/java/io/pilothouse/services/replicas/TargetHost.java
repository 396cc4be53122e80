package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.CommandResult;
import io.pilothouse.services.hosts.HostCommandException;
import io.pilothouse.services.hosts.HostShell;
import io.pilothouse.services.hosts.ShellQuoting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The host a replica is added to or removed from, over its {@link HostShell}, and the OS user its PostgreSQL runs as.
 * PostgreSQL refuses to run as root: when the shell's user is root (this machine in CI, or {@code ssh root@...}),
 * server commands drop to {@code serverUser} through {@code runuser}; otherwise they run as the shell's user.
 */
public final class TargetHost {

    static final Duration QUICK = Duration.ofSeconds(20);

    private final HostShell shell;
    private final String dropTo;
    private final List<String> probed = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TargetHost(HostShell shell, String dropTo) {
        this.shell = shell;
        this.dropTo = dropTo;
    }

    /** Asks the host who the shell runs as; root drops to {@code serverUser} for server commands. */
    public static TargetHost on(HostShell shell, String serverUser) throws HostCommandException {
        CommandResult id = shell.run(List.of("id", "-u"), QUICK);
        boolean root = id.ok() && "0".equals(id.stdout().strip());
        TargetHost host = new TargetHost(shell, root ? serverUser : null);
        host.probed.add("id -u");
        return host;
    }

    /** {@code argv} as run by the server's OS user. */
    List<String> asServer(List<String> argv) {
        if (dropTo == null) {
            return argv;
        }
        // From / : the shell's directory (root's home over SSH) is not the server user's to enter, and PostgreSQL's
        // programs stop when they cannot return to it ("could not change directory to /root").
        List<String> out = new ArrayList<>(List.of("runuser", "-u", dropTo, "--", "env", "--chdir=/"));
        out.addAll(argv);
        return out;
    }

    /** The user files must belong to, or null when the shell's own user is the server's. */
    String chownTo() {
        return dropTo;
    }

    /**
     * Runs a read-only command for a pre-check and remembers it, so the preview and the audit record list every
     * command that ran on the target, reads included.
     */
    CommandResult probe(List<String> argv) throws HostCommandException {
        probed.add(ShellQuoting.render(argv));
        return shell.run(argv, QUICK);
    }

    /** The read-only commands run so far by {@link #probe}, in order, each once. */
    List<String> probed() {
        return probed.stream().distinct().toList();
    }

    CommandResult run(List<String> argv, Duration timeout) throws HostCommandException {
        return shell.run(argv, timeout);
    }

    void write(String path, byte[] content, int mode) throws HostCommandException {
        shell.writeFile(path, content, mode);
    }

    /** {@code this machine} or {@code ssh user@host:port}. */
    public String describe() {
        return shell.describe();
    }

    boolean isLocal() {
        return shell.isLocal();
    }
}
