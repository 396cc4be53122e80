package io.pilothouse.app.cli;

import io.pilothouse.services.hosts.CommandResult;
import io.pilothouse.services.hosts.HostCommandException;
import io.pilothouse.services.hosts.HostShell;
import io.pilothouse.services.hosts.ShellQuoting;
import io.pilothouse.services.hosts.SshSettings;
import io.pilothouse.services.hosts.SshShell;
import io.pilothouse.services.hosts.SshDestination;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code pilothouse ssh-check --ssh user@host[:port]}: logs in the way an operation would (keys or ssh-agent, host
 * key checked against known_hosts, never trusted blindly), runs {@code uname -a} and {@code pg_config --version} and
 * prints what answered, so that access can be fixed before a wizard needs it. Changes nothing on the host.
 */
@Command(name = "ssh-check", mixinStandardHelpOptions = true,
        description = "Check SSH access to a host before a wizard uses it: log in, run uname -a and "
                + "pg_config --version, print where they ran. Changes nothing.")
public final class SshCheckCommand implements Callable<Integer> {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    /** Where PostgreSQL's binaries live when pg_config is not on the PATH (Debian/Ubuntu, RHEL's PGDG packages). */
    private static final String FIND_BINARIES =
            "for d in /usr/lib/postgresql/*/bin /usr/pgsql-*/bin; do [ -x \"$d/postgres\" ] && echo \"$d\"; done; true";

    @Option(names = "--ssh", required = true, paramLabel = "[USER@]HOST[:PORT]",
            description = "Where to log in, e.g. postgres@db3.example.com, postgres@10.0.0.5:2222, or a Host of "
                    + "~/.ssh/config (its HostName, User, Port and IdentityFile apply).")
    String ssh;

    @Mixin
    SshOptions sshOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SshDestination destination;
        try {
            destination = SshDestination.resolve(ssh, SshSettings.defaults().openSshConfig());
        } catch (IllegalArgumentException e) {
            throw new UserException("--ssh " + e.getMessage(), 2);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (HostShell shell = sshOptions.open(Optional.of(ssh), SshSettings.defaults())) {
            String key = shell instanceof SshShell remote ? ", host key " + remote.hostKey() + " known" : "";
            out.println("ssh " + destination.describe() + ": logged in" + key);
            CommandResult uname = probe(out, shell, List.of("uname", "-a"));
            probe(out, shell, List.of("id", "-un"));
            CommandResult pgConfig = probe(out, shell, List.of("pg_config", "--version"));
            if (!pgConfig.ok()) {
                CommandResult found = shell.run(List.of("sh", "-c", FIND_BINARIES), PROBE_TIMEOUT);
                out.println("  PostgreSQL binaries found in: "
                        + (found.stdout().isBlank() ? "none of /usr/lib/postgresql/*/bin, /usr/pgsql-*/bin"
                        : String.join(", ", found.stdout().strip().split("\\R"))));
            }
            return uname.ok() ? 0 : UserErrors.FAILED;
        } catch (HostCommandException e) {
            throw new UserException(e.getMessage());
        }
    }

    private static CommandResult probe(PrintWriter out, HostShell shell, List<String> argv)
            throws HostCommandException {
        CommandResult result = shell.run(argv, PROBE_TIMEOUT);
        String shown = ShellQuoting.render(argv);
        out.println("  " + shown + ": " + (result.ok() ? result.stdout().strip()
                : "failed (exit " + result.exitCode() + ": " + result.lastLine() + ")"));
        return result;
    }
}
